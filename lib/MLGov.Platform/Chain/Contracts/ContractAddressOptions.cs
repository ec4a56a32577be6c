namespace MLGov.Platform.Chain.Contracts;

/// <summary>
/// The addresses of the deployed contracts (configuration section <c>Contracts</c>, keys as in the
/// deployment record: <c>Contracts:GovernanceFinalizer</c>, ...). An app only needs the ones it uses.
/// </summary>
public sealed class ContractAddressOptions
{
    public const string SectionName = "Contracts";

    public string? SoulboundBadge { get; set; }

    public string? AssetAnchorRegistry { get; set; }

    public string? GovernanceFinalizer { get; set; }

    /// <summary>The GovernanceTimelock: admin of the governed contracts, and what finalized proposals' calls run through.</summary>
    public string? GovernanceTimelock { get; set; }

    public string? MerkleDistributor { get; set; }

    public string? StakingPool { get; set; }

    public string? InsurancePool { get; set; }

    /// <summary>The ERC-20 of the pools and of revenue distribution.</summary>
    public string? Token { get; set; }

    /// <summary>Set only on local and test chains, where the token is a mintable TestToken.</summary>
    public string? TestToken { get; set; }
}
