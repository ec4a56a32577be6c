using Azure.Data.Tables;
using MLGov.Core.Errors;
using MLGov.Core.Events;
using MLGov.Core.Events.Voting;
using MLGov.Platform.Tables;
using MLGov.Voting.Domain.Proposals;

namespace MLGov.Voting.Proposals;

/// <summary>
/// Proposals in the voting table: partition <c>proposal:{id}</c>, row <c>proposal</c> (<see cref="ProposalRecord"/>), beside the
/// chain intents the proposal causes, so a status change, its event and its transaction request commit together.
/// </summary>
public sealed class ProposalStore
{
    public const string Row = "proposal";
    private const string PartitionPrefix = "proposal:";
    private readonly RecordStore<ProposalRecord> _proposals;

    public ProposalStore(TableStores stores)
    {
        ArgumentNullException.ThrowIfNull(stores);
        _proposals = stores.Records<ProposalRecord>(VotingApp.Name);
    }

    public static string PartitionOf(string proposalId) => PartitionPrefix + proposalId.ToLowerInvariant();

    /// <summary>Whether <paramref name="proposalId"/> looks like a proposal id (0x and 64 hex digits).</summary>
    public static bool IsProposalId(string? proposalId) =>
        proposalId is { Length: 66 } && proposalId.StartsWith("0x", StringComparison.Ordinal) && proposalId.Skip(2).All(char.IsAsciiHexDigit);

    /// <summary>Stores a new proposal and publishes proposal.created in one transaction.</summary>
    public async Task<ProposalRecord> CreateAsync(ProposalDefinition terms, CancellationToken cancellationToken, string? disputedProposalId = null)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var record = ProposalRecord.Of(terms) with { DisputedProposalId = disputedProposalId };
        var batch = await _proposals.BatchAsync(PartitionOf(terms.Id), cancellationToken).ConfigureAwait(false);
        batch.Add(Row, record)
            .Publish(
                new ProposalCreatedV1(terms.Id, terms.Space, terms.Title, terms.Type, terms.Author, terms.Snapshot, terms.Start, terms.End, terms.Shielded is not null, terms.CreatedAt),
                EventIds.New(terms.CreatedAt),
                terms.CreatedAt);
        await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
        return record;
    }

    public async Task<StoredRecord<ProposalRecord>> GetAsync(string proposalId, CancellationToken cancellationToken)
    {
        var stored = IsProposalId(proposalId)
            ? await _proposals.FindAsync(PartitionOf(proposalId), Row, cancellationToken).ConfigureAwait(false)
            : null;
        return stored ?? throw new NotFoundException($"Proposal '{proposalId}' does not exist.");
    }

    /// <summary>Open proposals whose voting ended at or before <paramref name="now"/>: what the closing timer tallies.</summary>
    public IAsyncEnumerable<StoredRecord<ProposalRecord>> DueAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        _proposals.QueryAsync(
            TableFilters.PartitionStartsWith(PartitionPrefix) + " and " + TableClient.CreateQueryFilter($"RowKey eq {Row} and Status eq {nameof(ProposalStatus.Open)} and End le {now}"),
            cancellationToken);

    /// <summary>Proposals in one of <paramref name="statuses"/> (the chain follower's work).</summary>
    public IAsyncEnumerable<StoredRecord<ProposalRecord>> InStatusAsync(ProposalStatus status, CancellationToken cancellationToken) =>
        _proposals.QueryAsync(
            TableFilters.PartitionStartsWith(PartitionPrefix) + " and " + TableClient.CreateQueryFilter($"RowKey eq {Row} and Status eq {status.ToString()}"),
            cancellationToken);

    /// <summary>A page of a space's proposals, ordered by proposal id.</summary>
    public Task<Page<StoredRecord<ProposalRecord>>> PageOfSpaceAsync(string spaceId, PageRequest page, CancellationToken cancellationToken) =>
        _proposals.PageAsync(
            TableFilters.PartitionStartsWith(PartitionPrefix) + " and " + TableClient.CreateQueryFilter($"RowKey eq {Row} and SpaceId eq {spaceId}"),
            page,
            cancellationToken);

    public Task<PartitionBatch> BatchAsync(string proposalId, CancellationToken cancellationToken) =>
        _proposals.BatchAsync(PartitionOf(proposalId), cancellationToken);
}
