using MLGov.Core.Errors;

namespace MLGov.Voting.Domain.Weights;

/// <summary>A delegation was refused because it would close a loop (self-delegation included); <see cref="Loop"/> names it.</summary>
public sealed class DelegationLoopException : ConflictException
{
    /// <summary>Refuses a delegation that would close <paramref name="loop"/> (first and last address the same).</summary>
    public DelegationLoopException(IReadOnlyList<string> loop)
        : base(Describe(loop))
    {
        Loop = loop;
    }

    /// <summary>The loop the delegation would close: the delegator, its new delegate, …, the delegator again.</summary>
    public IReadOnlyList<string> Loop { get; }

    private static string Describe(IReadOnlyList<string> loop)
    {
        ArgumentNullException.ThrowIfNull(loop);
        return loop.Count <= 2
            ? "A voter cannot delegate to themselves."
            : "This delegation would close a loop of delegations (" + string.Join(" → ", loop) + "), so it is refused.";
    }
}
