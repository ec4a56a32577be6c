using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MLGov.Core.Errors;
using MLGov.Core.Events;
using MLGov.Core.Events.Voting;
using MLGov.Platform.Tables;
using MLGov.Voting.Domain.Tally;
using MLGov.Voting.Proposals;
using MLGov.Voting.Votes;
using MLGov.Voting.Weights;

namespace MLGov.Voting.Tallying;

/// <summary>
/// Closes proposals whose voting ended (and <see cref="VotingOptions.CloseGrace"/> passed): reads every vote in one pass,
/// tallies it (<see cref="ProposalResult"/>), and commits the result, the closed status and proposal.closed together under
/// the proposal row's ETag, so two timers racing close it once.
/// </summary>
public sealed class ProposalCloser
{
    private readonly ProposalStore _proposals;
    private readonly VoteStore _votes;
    private readonly IVoterWeights _weights;
    private readonly CountedWeights _counted;
    private readonly VotingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ProposalCloser> _logger;

    public ProposalCloser(ProposalStore proposals, VoteStore votes, IVoterWeights weights, CountedWeights counted, IOptions<VotingOptions> options, TimeProvider time, ILogger<ProposalCloser> logger)
    {
        _counted = counted;
        ArgumentNullException.ThrowIfNull(options);
        _proposals = proposals;
        _votes = votes;
        _weights = weights;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Closes every due proposal; returns how many this call closed.</summary>
    public async Task<int> CloseDueAsync(CancellationToken cancellationToken)
    {
        var closed = 0;
        var due = new List<StoredRecord<ProposalRecord>>();
        await foreach (var proposal in _proposals.DueAsync(_time.GetUtcNow() - _options.CloseGrace, cancellationToken).ConfigureAwait(false))
        {
            due.Add(proposal);
        }

        // A shielded proposal is tallied once its keyholders have rebuilt the key.
        foreach (var proposal in due.Where(p => p.Value.ToTerms().Shielded is not { RevealedKey: null }))
        {
            try
            {
                if (await CloseAsync(proposal, cancellationToken).ConfigureAwait(false))
                {
                    closed++;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // one proposal that cannot be tallied now (the chain unreachable for delegators' weights) must not hold up the others
                if (_logger.IsEnabled(LogLevel.Warning))
                {
                    _logger.LogWarning(exception, "Proposal {ProposalId} could not be tallied; the next run tries again", proposal.Value.ProposalId);
                }
            }
        }

        return closed;
    }

    private async Task<bool> CloseAsync(StoredRecord<ProposalRecord> stored, CancellationToken cancellationToken)
    {
        var proposal = stored.Value;
        var terms = proposal.ToTerms();
        var votes = await _votes.AllAsync(proposal.ProposalId, cancellationToken).ConfigureAwait(false);
        var total = await _weights.TotalWeightAsync(terms, cancellationToken).ConfigureAwait(false);
        var delegated = await _counted.DelegatedAsync(terms, votes, cancellationToken).ConfigureAwait(false);
        var tally = ProposalResult.Tally(terms, CountedWeights.Counted(votes, delegated), total);
        var result = ProposalResult.From(tally);
        var hash = result.Hash();
        var now = _time.GetUtcNow();
        var batch = await _proposals.BatchAsync(proposal.ProposalId, cancellationToken).ConfigureAwait(false);
        batch.Update(stored, proposal with
        {
            Status = ProposalStatus.Closed,
            Result = result.ToCanonicalJson(),
            ResultHash = hash,
            VotesRoot = result.VotesRoot,
            ClosedAt = now,
            Delegated = delegated.Count == 0 ? null : System.Text.Json.JsonSerializer.Serialize(delegated),
        }).Publish(new ProposalClosedV1(proposal.ProposalId, proposal.SpaceId, result.Outcome, result.Winners, hash, result.VotesRoot, result.CountedVotes, now), EventIds.New(now), now);
        try
        {
            await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ConflictException)
        {
            return false; // closed by another run meanwhile
        }

        if (_logger.IsEnabled(LogLevel.Information))
        {
            _logger.LogInformation("Closed proposal {ProposalId}: {Outcome}, {Votes} votes counted, root {Root}", proposal.ProposalId, result.Outcome, result.CountedVotes, result.VotesRoot);
        }

        return true;
    }
}
