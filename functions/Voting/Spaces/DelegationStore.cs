using System.Text;
using System.Text.Json;
using MLGov.Core.Encoding;
using MLGov.Core.Errors;
using MLGov.Core.Hashing;
using MLGov.Core.Identifiers;
using MLGov.Platform.Tables;
using MLGov.Trust.Ethereum;
using MLGov.Voting.Domain.Signing;
using MLGov.Voting.Domain.Spaces;
using MLGov.Voting.Domain.Weights;

namespace MLGov.Voting.Spaces;

/// <summary>A delegation as stored: the delegator's latest signed message in the space (row <c>delegation:{delegator}</c>).</summary>
public sealed record DelegationRecord(string Delegator, string Delegate, long SignedAt, string Signature, DateTimeOffset RecordedAt);

/// <summary>The space's delegation count, updated with every delegation so that writers take turns (a loop check sees every other write).</summary>
public sealed record DelegationsVersion(int Changes);

/// <summary>A wallet-signed delegation: the typed data GET …/delegations/typed-data served, and the signature.</summary>
public sealed record DelegationRequest(JsonElement TypedData, string Signature);

/// <summary>
/// Signed delegations per space, in the space's partition: each delegator's latest message (a later one replaces it, the zero
/// address revokes), refused when it would close a loop. Writes are serialised by the <c>delegations</c> row's ETag, so two
/// delegations that together would form a loop cannot both be accepted. The space id's bytes32 in the message is
/// keccak256 of the id's UTF-8 text.
/// </summary>
public sealed class DelegationStore
{
    private const string VersionRow = "delegations";
    private const string RowPrefix = "delegation:";
    private const int MaxAttempts = 10;
    private readonly RecordStore<DelegationRecord> _delegations;
    private readonly RecordStore<DelegationsVersion> _versions;
    private readonly TimeProvider _time;

    public DelegationStore(TableStores stores, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(stores);
        _delegations = stores.Records<DelegationRecord>(VotingApp.Name);
        _versions = stores.Records<DelegationsVersion>(VotingApp.Name);
        _time = time;
    }

    public static byte[] SpaceBytes(string spaceId) => Keccak256.Compute(Encoding.UTF8.GetBytes(spaceId));

    public static DelegationTypedData TypedDataOf(SpaceDefinition space)
    {
        ArgumentNullException.ThrowIfNull(space);
        return new DelegationTypedData(new VoteTypedData(space.ChainId, space.Finalizer));
    }

    public async Task<(DelegationRecord Delegation, DelegationChange Change)> SubmitAsync(SpaceDefinition space, DelegationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(request);
        DelegationMessage message;
        try
        {
            message = Read(space, request.TypedData);
        }
        catch (InvalidOperationException)
        {
            throw ValidationException.For("typedData", "The typed data holds text that is not valid Unicode.");
        }

        var typedData = TypedDataOf(space);
        byte[] served;
        try
        {
            served = TypedDataEncoder.Hash(request.TypedData).Digest;
        }
        catch (Exception exception) when (exception is ValidationException or InvalidOperationException)
        {
            throw ValidationException.For("typedData", "The typed data does not encode: " + exception.Message);
        }

        if (!served.AsSpan().SequenceEqual(typedData.Digest(message)))
        {
            throw ValidationException.For("typedData", "The typed data is not the delegation document this service serves (GET …/delegations/typed-data).");
        }

        if (request.Signature is null || !request.Signature.StartsWith("0x", StringComparison.Ordinal) || !Hex.TryDecode(request.Signature, out var signature))
        {
            throw ValidationException.For("signature", "The signature is the 65-byte r ‖ s ‖ v as 0x hex.");
        }

        typedData.Verify(new SignedDelegation(message, signature));
        var partition = SpaceStore.PartitionOf(space.Id);
        for (var attempt = 1; ; attempt++)
        {
            var version = await _versions.FindAsync(partition, VersionRow, cancellationToken).ConfigureAwait(false);
            var (graph, rows) = await LoadAsync(space.Id, ulong.MaxValue, cancellationToken).ConfigureAwait(false);
            var change = graph.Add(message, _time.GetUtcNow());
            var record = new DelegationRecord(EvmAddressText(message.Delegator), EvmAddressText(message.Delegate), (long)message.Timestamp, request.Signature.ToLowerInvariant(), _time.GetUtcNow());
            if (change == DelegationChange.Unchanged && rows.TryGetValue(message.Delegator, out var same))
            {
                return (same.Value, change);
            }

            var batch = await _delegations.BatchAsync(partition, cancellationToken).ConfigureAwait(false);
            if (rows.TryGetValue(message.Delegator, out var existing))
            {
                batch.Update(existing, record);
            }
            else
            {
                batch.Add(RowPrefix + message.Delegator.ToLowerInvariant(), record);
            }

            if (version is null)
            {
                batch.Add(VersionRow, new DelegationsVersion(1));
            }
            else
            {
                batch.Update(version, new DelegationsVersion(version.Value.Changes + 1));
            }

            try
            {
                await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
                return (record, change);
            }
            catch (ConflictException) when (attempt < MaxAttempts)
            {
                // another delegation in the space was written meanwhile: check this one again against it
            }
        }
    }

    /// <summary>The space's delegations signed at or before <paramref name="asOf"/> (Unix seconds), as a graph.</summary>
    public async Task<DelegationGraph> GraphAsync(string spaceId, ulong asOf, CancellationToken cancellationToken) =>
        (await LoadAsync(spaceId, asOf, cancellationToken).ConfigureAwait(false)).Graph;

    public async Task<IReadOnlyList<DelegationRecord>> ListAsync(string spaceId, CancellationToken cancellationToken)
    {
        var (_, rows) = await LoadAsync(spaceId, ulong.MaxValue, cancellationToken).ConfigureAwait(false);
        return [.. rows.Values.Select(r => r.Value).Where(r => r.Delegate != DelegationMessage.ZeroAddress).OrderBy(r => r.Delegator, StringComparer.OrdinalIgnoreCase)];
    }

    private async Task<(DelegationGraph Graph, Dictionary<string, StoredRecord<DelegationRecord>> Rows)> LoadAsync(string spaceId, ulong asOf, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, StoredRecord<DelegationRecord>>(StringComparer.OrdinalIgnoreCase);
        var partition = SpaceStore.PartitionOf(spaceId);
        await foreach (var row in _delegations.QueryAsync(
            Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {RowPrefix} and RowKey lt {"delegation;"}"), cancellationToken).ConfigureAwait(false))
        {
            rows[row.Value.Delegator] = row;
        }

        var graph = new DelegationGraph(SpaceBytes(spaceId));
        var far = DateTimeOffset.MaxValue.AddDays(-1);
        foreach (var row in rows.Values.Select(r => r.Value).Where(r => (ulong)r.SignedAt <= asOf).OrderBy(r => r.SignedAt))
        {
            try
            {
                graph.Add(new DelegationMessage(SpaceBytes(spaceId), row.Delegator, row.Delegate, (ulong)row.SignedAt), far);
            }
            catch (ConflictException)
            {
                // a delegation that closes a loop among the older ones alone cannot occur (each was checked when stored)
            }
        }

        return (graph, rows);
    }

    private static DelegationMessage Read(SpaceDefinition space, JsonElement typedData)
    {
        if (typedData.ValueKind != JsonValueKind.Object || !typedData.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
        {
            throw ValidationException.For("typedData", "typedData is the delegation typed data the wallet signed.");
        }

        string? Text(string name) => message.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var spaceHex = Text("space");
        var delegator = Text("delegator");
        var @delegate = Text("delegate");
        var ok = message.TryGetProperty("timestamp", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetUInt64(out _);
        new ValidationErrors()
            .Check(string.Equals(spaceHex, Hex.Encode(SpaceBytes(space.Id)), StringComparison.OrdinalIgnoreCase), "typedData.message.space", "The delegation is for another space.")
            .EvmAddress("typedData.message.delegator", delegator)
            .EvmAddress("typedData.message.delegate", @delegate)
            .Check(ok, "typedData.message.timestamp", "The timestamp is Unix seconds.")
            .ThrowIfAny("The delegation is not valid");
        return new DelegationMessage(SpaceBytes(space.Id), delegator!, @delegate!, t.GetUInt64());
    }

    private static string EvmAddressText(string address) => EvmAddress.ToChecksum(address);
}
