using System.ComponentModel.DataAnnotations;

namespace MLGov.Platform.Chain.Transactions;

/// <summary>
/// What the sender pays for gas (section <c>Chain:Fees</c>), in wei per gas. On a chain whose blocks
/// carry a base fee it signs EIP-1559 transactions: max fee = base fee × <see cref="BaseFeeMultiplierPercent"/>
/// / 100 + priority fee, the priority fee being the node's suggestion; both are capped. On a chain
/// without a base fee it signs legacy (EIP-155) transactions at the node's gas price, capped by
/// <see cref="MaxFeePerGasWei"/>.
/// </summary>
public sealed class ChainFeeOptions
{
    public const string SectionName = "Chain:Fees";

    /// <summary>The most the sender ever offers per gas, replacements included (default 500 gwei).</summary>
    [Range(1, ulong.MaxValue)]
    public ulong MaxFeePerGasWei { get; set; } = 500_000_000_000;

    /// <summary>The most the sender ever tips per gas (default 10 gwei).</summary>
    [Range(0, ulong.MaxValue)]
    public ulong MaxPriorityFeePerGasWei { get; set; } = 10_000_000_000;

    /// <summary>The tip when the node suggests none (default 1 gwei).</summary>
    [Range(0, ulong.MaxValue)]
    public ulong DefaultPriorityFeePerGasWei { get; set; } = 1_000_000_000;

    /// <summary>Headroom over the latest base fee, which can rise 12.5 % a block (default 200: two full blocks of rises and more).</summary>
    [Range(100, 1000)]
    public int BaseFeeMultiplierPercent { get; set; } = 200;

    /// <summary>
    /// How much a replacement raises both the max fee and the tip (default 15). Nodes accept a
    /// replacement only when both rise by their price bump, 10 % in geth and anvil.
    /// </summary>
    [Range(10, 100)]
    public int ReplacementBumpPercent { get; set; } = 15;

    /// <summary>Gas limit = estimate × (100 + this) / 100, for headroom against state changes between estimate and mining.</summary>
    [Range(0, 200)]
    public int GasHeadroomPercent { get; set; } = 20;
}
