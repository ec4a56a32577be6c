using System.Numerics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MLGov.Contracts.GovernanceFinalizer;
using MLGov.Contracts.GovernanceTimelock;
using MLGov.Core.Encoding;
using MLGov.Core.Errors;
using MLGov.Core.Events;
using MLGov.Core.Events.Voting;
using MLGov.Platform.Chain;
using MLGov.Platform.Chain.Contracts;
using MLGov.Platform.Chain.Signing;
using MLGov.Platform.Chain.Transactions;
using MLGov.Platform.Tables;
using MLGov.Voting.Domain.Proposals;
using MLGov.Voting.Domain.Tally;
using MLGov.Voting.Proposals;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MLGov.Voting.Finalizing;

/// <summary>
/// Moves tallied proposals through their chain steps and follows what others do on chain, one step per proposal at a time
/// (<see cref="ProposalRecord.PendingIntent"/>): approve the bond token once, post the result, finalize after the challenge
/// window (read on the chain's own clock), execute the queued timelock call after its delay. It reads the finalizer's state
/// each round, so a result finalized by someone else, or disputed by a challenger (with the dispute transaction read from the
/// finalizer's logs), is seen and recorded; a dispute opens a dispute vote in the same space. A step that reverted is tried
/// again, at most <see cref="MaxAttempts"/> times.
/// </summary>
public sealed partial class ChainFollower
{
    public const int MaxAttempts = 5;
    private readonly ProposalStore _proposals;
    private readonly IChainClient _chain;
    private readonly IChainSigner _signer;
    private readonly ContractAddressOptions _contracts;
    private readonly DisputeVotes _disputes;
    private readonly TimeProvider _time;
    private readonly ILogger<ChainFollower> _logger;

    public ChainFollower(
        ProposalStore proposals, IChainClient chain, IChainSigner signer, IOptions<ContractAddressOptions> contracts, DisputeVotes disputes, TimeProvider time, ILogger<ChainFollower> logger)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        _proposals = proposals;
        _chain = chain;
        _signer = signer;
        _contracts = contracts.Value;
        _disputes = disputes;
        _time = time;
        _logger = logger;
    }

    /// <summary>One round over every proposal with chain work; returns how many it changed.</summary>
    public async Task<int> FollowAsync(CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var status in new[] { ProposalStatus.Closed, ProposalStatus.Finalizing, ProposalStatus.Disputed, ProposalStatus.Finalized })
        {
            var proposals = new List<StoredRecord<ProposalRecord>>();
            await foreach (var proposal in _proposals.InStatusAsync(status, cancellationToken).ConfigureAwait(false))
            {
                proposals.Add(proposal);
            }

            foreach (var proposal in proposals.Where(p => p.Value.PendingIntent is null && p.Value.ChainAttempts < MaxAttempts && p.Value.VotesRoot is not null))
            {
                try
                {
                    changed += await StepAsync(proposal, cancellationToken).ConfigureAwait(false) ? 1 : 0;
                }
                catch (ConflictException)
                {
                    // changed meanwhile (an outcome, another instance): the next round sees the new state
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // one proposal's failure (an unreachable node, a contract that is not a finalizer) must not stall the others
                    LogFailure(exception, proposal.Value.ProposalId);
                }
            }
        }

        return changed;
    }

    private async Task<bool> StepAsync(StoredRecord<ProposalRecord> stored, CancellationToken cancellationToken)
    {
        var proposal = stored.Value;
        var terms = proposal.ToTerms();
        var finalizer = new GovernanceFinalizerService(_chain, terms.Finalizer);
        var id = Hex.Decode(terms.Id);
        switch (proposal.Status)
        {
            case ProposalStatus.Closed:
                return await PostAsync(stored, terms, finalizer, cancellationToken).ConfigureAwait(false);
            case ProposalStatus.Finalizing:
            case ProposalStatus.Disputed:
            {
                var onChain = await finalizer.GetResultQueryAsync(id, cancellationToken).ConfigureAwait(false);
                switch ((ResultStatus)onChain.Status)
                {
                    case ResultStatus.Posted:
                        var bonds = await finalizer.GetResultBondsQueryAsync(id, cancellationToken).ConfigureAwait(false);
                        var chainTime = await _chain.GetLatestBlockTimeAsync(cancellationToken).ConfigureAwait(false);
                        if (!bonds.Confirmed && chainTime.ToUnixTimeSeconds() < (long)onChain.ChallengeDeadline)
                        {
                            return await UpdateAsync(stored, proposal with { Status = ProposalStatus.Finalizing }, null, null, cancellationToken).ConfigureAwait(false);
                        }

                        return await UpdateAsync(
                            stored, proposal with { Status = ProposalStatus.Finalizing }, ProposalIntents.FinalizeResult(terms, proposal.ChainAttempts), null, cancellationToken).ConfigureAwait(false);
                    case ResultStatus.Disputed when proposal.Status != ProposalStatus.Disputed:
                        return await DisputedAsync(stored, terms, finalizer, cancellationToken).ConfigureAwait(false);
                    case ResultStatus.Finalized:
                        var finalized = await TransactionOfAsync<ResultFinalizedEvent>(terms, cancellationToken).ConfigureAwait(false);
                        return await UpdateAsync(stored, proposal with { Status = ProposalStatus.Finalized, FinalizeTransaction = finalized }, null, Finalized(proposal, finalized), cancellationToken).ConfigureAwait(false);
                    case ResultStatus.Rejected:
                        return await UpdateAsync(stored, proposal with { Status = ProposalStatus.Rejected }, null, null, cancellationToken).ConfigureAwait(false);
                    default:
                        return false;
                }
            }

            case ProposalStatus.Finalized:
                return await ExecuteAsync(stored, terms, cancellationToken).ConfigureAwait(false);
            default:
                return false;
        }
    }

    private async Task<bool> PostAsync(StoredRecord<ProposalRecord> stored, ProposalDefinition terms, GovernanceFinalizerService finalizer, CancellationToken cancellationToken)
    {
        var proposal = stored.Value;
        var bond = await finalizer.ProposalBondQueryAsync(cancellationToken).ConfigureAwait(false);
        if (bond.Sign > 0)
        {
            var token = await finalizer.BondTokenQueryAsync(cancellationToken).ConfigureAwait(false);
            var allowance = await new Erc20Service(_chain, token).AllowanceQueryAsync(_signer.Address, terms.Finalizer, cancellationToken).ConfigureAwait(false);
            if (allowance < bond)
            {
                return await UpdateAsync(stored, proposal, ProposalIntents.ApproveBonds(terms.Id, proposal.ChainAttempts, token, terms.Finalizer), null, cancellationToken).ConfigureAwait(false);
            }
        }

        var result = ProposalResult.Parse(proposal.Result)!;
        var call = await CallOfAsync(terms, result, proposal.DisputedProposalId, cancellationToken).ConfigureAwait(false);
        return await UpdateAsync(stored, proposal, ProposalIntents.PostResult(terms, proposal.ResultHash!, proposal.VotesRoot, proposal.ChainAttempts, call), null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> ExecuteAsync(StoredRecord<ProposalRecord> stored, ProposalDefinition terms, CancellationToken cancellationToken)
    {
        var proposal = stored.Value;
        var call = await CallOfAsync(terms, ProposalResult.Parse(proposal.Result)!, proposal.DisputedProposalId, cancellationToken).ConfigureAwait(false);
        if (call is null)
        {
            return false;
        }

        var operation = await _chain.QueryValueAsync<HashOperationFunction, byte[]>(
            call.Timelock, new HashOperationFunction { Target = call.Target, Value = 0, Data = call.Data, Predecessor = new byte[32], Salt = call.Salt }, cancellationToken).ConfigureAwait(false);
        if (await _chain.QueryValueAsync<IsOperationDoneFunction, bool>(call.Timelock, new IsOperationDoneFunction { Id = operation }, cancellationToken).ConfigureAwait(false))
        {
            return await UpdateAsync(stored, proposal with { Status = ProposalStatus.Executed }, null, null, cancellationToken).ConfigureAwait(false);
        }

        return await _chain.QueryValueAsync<IsOperationReadyFunction, bool>(call.Timelock, new IsOperationReadyFunction { Id = operation }, cancellationToken).ConfigureAwait(false)
            && await UpdateAsync(stored, proposal, ProposalIntents.ExecuteCall(terms.Id, proposal.ChainAttempts, call), null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> DisputedAsync(StoredRecord<ProposalRecord> stored, ProposalDefinition terms, GovernanceFinalizerService finalizer, CancellationToken cancellationToken)
    {
        var proposal = stored.Value;
        var logs = await EventsAsync<ResultDisputedEvent>(terms, cancellationToken).ConfigureAwait(false);
        var log = logs.Count == 0 ? null : logs[^1].Log;
        var disputed = logs.Count == 0 ? null : logs[^1].Event;
        var round = (await finalizer.GetResultQueryAsync(Hex.Decode(terms.Id), cancellationToken).ConfigureAwait(false)).Round;
        var dispute = await _disputes.OpenAsync(proposal, terms, disputed?.Challenger ?? "(unknown)", disputed?.Reason ?? string.Empty, round, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var disputedEvent = new ProposalDisputedV1(proposal.ProposalId, proposal.SpaceId, disputed?.Challenger ?? "(unknown)", disputed?.Reason ?? string.Empty, log?.TransactionHash ?? string.Empty, dispute, now);
        return await UpdateAsync(
            stored,
            proposal with { Status = ProposalStatus.Disputed, DisputeTransaction = log?.TransactionHash, DisputeProposalId = dispute },
            null,
            (batch, at) => batch.Publish(disputedEvent, EventIds.New(at), at),
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<TimelockCall?> CallOfAsync(ProposalDefinition terms, ProposalResult result, string? disputedProposalId, CancellationToken cancellationToken)
    {
        var timelock = _contracts.GovernanceTimelock;
        if (timelock is null || (terms.Execution is null && disputedProposalId is null))
        {
            return null;
        }

        var delay = await _chain.QueryValueAsync<GetMinDelayFunction, BigInteger>(timelock, new GetMinDelayFunction(), cancellationToken).ConfigureAwait(false);
        return ProposalIntents.CallOf(terms, result, timelock, (ulong)delay, disputedProposalId);
    }

    private async Task<string?> TransactionOfAsync<TEvent>(ProposalDefinition terms, CancellationToken cancellationToken)
        where TEvent : IEventDTO, new()
    {
        var logs = await EventsAsync<TEvent>(terms, cancellationToken).ConfigureAwait(false);
        return logs.Count == 0 ? null : logs[^1].Log.TransactionHash;
    }

    /// <summary>The finalizer's <typeparamref name="TEvent"/> logs about the proposal (its first indexed parameter), oldest first.</summary>
    private async Task<IReadOnlyList<EventLog<TEvent>>> EventsAsync<TEvent>(ProposalDefinition terms, CancellationToken cancellationToken)
        where TEvent : IEventDTO, new()
    {
        var head = await _chain.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
        return await _chain.GetEventsAsync<TEvent>(terms.Finalizer, [Hex.Decode(terms.Id)], 0, head, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Publishes proposal.finalized for <paramref name="proposal"/>, finalized by <paramref name="transaction"/>.</summary>
    public static Action<PartitionBatch, DateTimeOffset> Finalized(ProposalRecord proposal, string? transaction) =>
        (batch, now) => batch.Publish(
            new ProposalFinalizedV1(proposal.ProposalId, proposal.SpaceId, proposal.ResultHash!, proposal.VotesRoot, transaction ?? string.Empty, proposal.ToTerms().Execution is not null || proposal.DisputedProposalId is not null, now),
            EventIds.New(now),
            now);

    private async Task<bool> UpdateAsync(StoredRecord<ProposalRecord> stored, ProposalRecord next, ChainIntent? intent, Action<PartitionBatch, DateTimeOffset>? publish, CancellationToken cancellationToken)
    {
        if (next == stored.Value && intent is null && publish is null)
        {
            return false;
        }

        var now = _time.GetUtcNow();
        var batch = await _proposals.BatchAsync(stored.Value.ProposalId, cancellationToken).ConfigureAwait(false);
        batch.Update(stored, intent is null ? next : next with { PendingIntent = intent.Id });
        if (intent is not null)
        {
            batch.RequestTransaction(intent, now);
        }

        publish?.Invoke(batch, now);

        await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
        LogStep(stored.Value.ProposalId, next.Status, intent?.Id);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Proposal {ProposalId}: its chain step failed; the next round tries again")]
    private partial void LogFailure(Exception exception, string proposalId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Proposal {ProposalId}: {Status}, requested {Intent}")]
    private partial void LogStep(string proposalId, ProposalStatus status, string? intent);
}
