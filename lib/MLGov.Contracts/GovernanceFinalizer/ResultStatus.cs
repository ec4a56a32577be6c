namespace MLGov.Contracts.GovernanceFinalizer;

/// <summary>
/// The lifecycle of a proposal's result in GovernanceFinalizer (its Solidity enum <c>Status</c>),
/// as returned in <see cref="GetResultOutput.Status"/>.
/// </summary>
public enum ResultStatus : byte
{
    /// <summary>No result was posted.</summary>
    None = 0,

    /// <summary>A result is posted and its challenge window runs (or has run).</summary>
    Posted = 1,

    /// <summary>A challenger disputed the result; governance resolves the dispute.</summary>
    Disputed = 2,

    /// <summary>The result is final (and its recorded call, if any, has run).</summary>
    Finalized = 3,

    /// <summary>Governance upheld a dispute; a different result may be posted in a new round.</summary>
    Rejected = 4,

    /// <summary>The result was not finalized before it expired; a new round may be posted.</summary>
    Expired = 5,

    /// <summary>Governance cancelled the result; nothing more can be posted for the proposal.</summary>
    Cancelled = 6,
}
