namespace MLGov.Voting.Domain.Weights;

/// <summary>What a weight strategy measures. Wire names: <see cref="WeightStrategyKinds"/>.</summary>
public enum WeightStrategyKind
{
    /// <summary>One credential, one vote: 1 when the voter holds a verified credential of the type from a listed issuer.</summary>
    Credential = 1,

    /// <summary>The voter's balance of an ERC-20 token at the snapshot block.</summary>
    Erc20Balance,

    /// <summary>The voter's bonded stake as a provider in a staking pool at the snapshot block.</summary>
    Stake,

    /// <summary>The voter's provider reputation score, from the source Risk provides (none today).</summary>
    Reputation,
}
