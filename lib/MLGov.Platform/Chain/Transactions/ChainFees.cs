using System.Numerics;

namespace MLGov.Platform.Chain.Transactions;

/// <summary>The fee fields of one signed transaction: EIP-1559 (type 2) or legacy (type 0, <see cref="MaxFeePerGas"/> is the gas price).</summary>
public sealed record ChainFees(int TransactionType, BigInteger MaxFeePerGas, BigInteger MaxPriorityFeePerGas)
{
    public bool IsLegacy => TransactionType == 0;
}

/// <summary>Prices transactions from the node's view and <see cref="ChainFeeOptions"/>, and raises them for replacements.</summary>
public sealed class FeeStrategy
{
    private readonly ChainFeeOptions _options;

    public FeeStrategy(ChainFeeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Fees for a new transaction now: EIP-1559 where the latest block has a base fee, legacy otherwise.</summary>
    public async Task<ChainFees> CurrentAsync(ChainRpc rpc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        var (_, _, baseFee) = await rpc.LatestBlockAsync(cancellationToken).ConfigureAwait(false);
        if (baseFee is { } fee)
        {
            var suggested = await rpc.SuggestedPriorityFeeAsync(cancellationToken).ConfigureAwait(false);
            return ForBaseFee(fee, suggested);
        }

        return ForGasPrice(await rpc.GasPriceAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>EIP-1559 fees for a base fee and the node's suggested tip (null: the configured default), within the caps.</summary>
    public ChainFees ForBaseFee(BigInteger baseFee, BigInteger? suggestedTip)
    {
        var cap = new BigInteger(_options.MaxFeePerGasWei);
        var tip = BigInteger.Min(suggestedTip ?? _options.DefaultPriorityFeePerGasWei, _options.MaxPriorityFeePerGasWei);
        tip = BigInteger.Max(tip, BigInteger.Zero);
        var max = BigInteger.Min(baseFee * _options.BaseFeeMultiplierPercent / 100 + tip, cap);
        return new ChainFees(2, max, BigInteger.Min(tip, max));
    }

    /// <summary>Legacy fees: the node's gas price, capped.</summary>
    public ChainFees ForGasPrice(BigInteger gasPrice) =>
        new(0, BigInteger.Min(gasPrice, _options.MaxFeePerGasWei), BigInteger.Zero);

    /// <summary>
    /// Fees for a replacement of a transaction signed with <paramref name="previous"/>: both fields raised
    /// by at least <see cref="ChainFeeOptions.ReplacementBumpPercent"/> (rounded up) and never below what a
    /// new transaction would pay now; null when the cap leaves no room for a raise the node would accept.
    /// </summary>
    public ChainFees? Replacement(ChainFees previous, ChainFees current)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        var cap = new BigInteger(_options.MaxFeePerGasWei);
        var max = BigInteger.Max(Bump(previous.MaxFeePerGas), current.MaxFeePerGas);
        var tip = previous.IsLegacy ? BigInteger.Zero : BigInteger.Max(Bump(previous.MaxPriorityFeePerGas), current.MaxPriorityFeePerGas);
        tip = BigInteger.Min(tip, _options.MaxPriorityFeePerGasWei);
        if (max > cap || (!previous.IsLegacy && tip < Bump(previous.MaxPriorityFeePerGas)))
        {
            return null;
        }

        return new ChainFees(previous.TransactionType, max, BigInteger.Min(tip, max));
    }

    private BigInteger Bump(BigInteger value)
    {
        var raised = (value * (100 + _options.ReplacementBumpPercent) + 99) / 100;
        return BigInteger.Max(raised, value + 1);
    }
}
