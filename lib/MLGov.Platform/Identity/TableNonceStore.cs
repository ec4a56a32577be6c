using MLGov.Core.Errors;
using MLGov.Platform.Tables;
using MLGov.Trust.Presentations;

namespace MLGov.Platform.Identity;

/// <summary>
/// Presentation nonces in the app's table, shared by all its instances: one row per nonce (partition <c>~nonce~{value}</c>),
/// 256 random bits each. Consuming marks the row used under its ETag, so of two presentations racing with one nonce exactly
/// one wins, on any instance; a replay is told apart from an unknown nonce.
/// </summary>
public sealed class TableNonceStore : IPresentationNonceStore
{
    private const string PartitionPrefix = "~nonce~";
    private const string Row = "nonce";

    private readonly RecordStore<NonceRow> _rows;
    private readonly TimeProvider _time;

    public TableNonceStore(TableStores stores, string table, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(stores);
        _rows = stores.Records<NonceRow>(table);
        _time = time;
    }

    public async ValueTask<PresentationNonce> IssueAsync(TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        var value = Core.Encoding.Base64Url.Encode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var expires = _time.GetUtcNow() + lifetime;
        var batch = await _rows.BatchAsync(PartitionPrefix + value, cancellationToken).ConfigureAwait(false);
        batch.Add(Row, new NonceRow(expires, Used: false));
        await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new PresentationNonce(value, expires);
    }

    public async ValueTask<NonceConsumption> ConsumeAsync(string nonce, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nonce);
        // Only what IssueAsync makes can be a row key here: 43 base64url characters.
        if (nonce.Length != 43 || !nonce.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return NonceConsumption.Unknown;
        }

        var stored = await _rows.FindAsync(PartitionPrefix + nonce, Row, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return NonceConsumption.Unknown;
        }

        if (stored.Value.Used)
        {
            return NonceConsumption.AlreadyUsed;
        }

        if (_time.GetUtcNow() >= stored.Value.Expires)
        {
            return NonceConsumption.Expired;
        }

        var batch = await _rows.BatchAsync(stored.PartitionKey, cancellationToken).ConfigureAwait(false);
        batch.Update(stored, stored.Value with { Used = true });
        try
        {
            await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
            return NonceConsumption.Consumed;
        }
        catch (ConcurrencyConflictException)
        {
            return NonceConsumption.AlreadyUsed; // another presentation consumed it first
        }
    }
}

/// <summary>A nonce as kept: when it expires and whether it was used.</summary>
public sealed record NonceRow(DateTimeOffset Expires, bool Used);
