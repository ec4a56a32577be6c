using MLGov.Core.Errors;
using MLGov.Platform.Tables;
using MLGov.Voting.Domain.Spaces;

namespace MLGov.Voting.Spaces;

/// <summary>Spaces in the voting table: partition <c>space:{id}</c>, row <c>space</c>.</summary>
public sealed class SpaceStore
{
    private const string Row = "space";
    private readonly RecordStore<SpaceRecord> _spaces;

    public SpaceStore(TableStores stores)
    {
        ArgumentNullException.ThrowIfNull(stores);
        _spaces = stores.Records<SpaceRecord>(VotingApp.Name);
    }

    public static string PartitionOf(string spaceId) => "space:" + spaceId;

    /// <summary>Creates the space; 409 when the id is taken (by a different definition; the same one again is a 200 that changes nothing).</summary>
    public async Task<(SpaceRecord Space, bool Created)> CreateAsync(SpaceDefinition space, string createdBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(space);
        var record = SpaceRecord.Of(space, createdBy, now);
        var existing = await _spaces.FindAsync(PartitionOf(space.Id), Row, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return existing.Value.Definition == record.Definition
                ? (existing.Value, false)
                : throw new AlreadyExistsException($"Space '{space.Id}' exists already.");
        }

        var batch = await _spaces.BatchAsync(PartitionOf(space.Id), cancellationToken).ConfigureAwait(false);
        batch.Add(Row, record);
        try
        {
            await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ConflictException)
        {
            throw new AlreadyExistsException($"Space '{space.Id}' exists already.");
        }

        return (record, true);
    }

    public async Task<SpaceRecord> GetAsync(string spaceId, CancellationToken cancellationToken)
    {
        var stored = Core.Identifiers.ResourceId.IsValid(spaceId)
            ? await _spaces.FindAsync(PartitionOf(spaceId), Row, cancellationToken).ConfigureAwait(false)
            : null;
        return stored?.Value ?? throw new NotFoundException($"Space '{spaceId}' does not exist.");
    }
}
