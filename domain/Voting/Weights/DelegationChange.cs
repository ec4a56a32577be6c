namespace MLGov.Voting.Domain.Weights;

/// <summary>What adding a delegation to a <see cref="DelegationGraph"/> did.</summary>
public enum DelegationChange
{
    /// <summary>The delegator had no delegate; now they have one.</summary>
    Set = 1,

    /// <summary>The delegator's earlier delegation was replaced by this later one.</summary>
    Replaced,

    /// <summary>The delegator's delegation was revoked.</summary>
    Revoked,

    /// <summary>Nothing changed: the same message again, or a revocation without a delegation to revoke.</summary>
    Unchanged,
}
