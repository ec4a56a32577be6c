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

    /// <summary>A challenger disputed the result; it can only be replaced by a new post.</summary>
    Disputed = 2,

    /// <summary>The result is final (and its recorded call, if any, has run).</summary>
    Finalized = 3,
}
