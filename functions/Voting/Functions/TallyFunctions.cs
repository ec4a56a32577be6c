using Microsoft.Azure.Functions.Worker;
using MLGov.Voting.Tallying;

namespace MLGov.Voting.Functions;

/// <summary>The timer that closes and tallies proposals whose voting ended.</summary>
public sealed class TallyFunctions
{
    private readonly ProposalCloser _closer;

    public TallyFunctions(ProposalCloser closer)
    {
        _closer = closer;
    }

    /// <summary>Every 30 seconds: closes due proposals (one run at a time; a missed run is caught up by the next).</summary>
    [Function("VotingCloseProposals")]
    public Task CloseDue([TimerTrigger("*/30 * * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        _closer.CloseDueAsync(cancellationToken);
}
