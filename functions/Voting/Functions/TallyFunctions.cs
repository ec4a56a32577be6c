using Microsoft.Azure.Functions.Worker;
using MLGov.Voting.Finalizing;
using MLGov.Voting.Tallying;

namespace MLGov.Voting.Functions;

/// <summary>The timers: closing and tallying proposals whose voting ended, and following their chain steps.</summary>
public sealed class TallyFunctions
{
    private readonly ProposalCloser _closer;
    private readonly ChainFollower _follower;

    public TallyFunctions(ProposalCloser closer, ChainFollower follower)
    {
        _closer = closer;
        _follower = follower;
    }

    /// <summary>Every 30 seconds: closes due proposals (one run at a time; a missed run is caught up by the next).</summary>
    [Function("VotingCloseProposals")]
    public Task CloseDue([TimerTrigger("*/30 * * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        _closer.CloseDueAsync(cancellationToken);

    /// <summary>Every 15 seconds: moves tallied proposals through their chain steps and follows the finalizer (disputes, finalization by others).</summary>
    [Function("VotingFollowChain")]
    public Task FollowChain([TimerTrigger("*/15 * * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        _follower.FollowAsync(cancellationToken);
}
