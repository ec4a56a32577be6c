using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using MLGov.Core.Errors;
using MLGov.Platform.Http;

namespace MLGov.Platform.Chain.Transactions;

/// <summary>One intent as the visibility endpoint and <c>mlgov chain txs</c> show it.</summary>
public sealed record ChainTransactionView(
    string IntentId,
    string Kind,
    string Status,
    long? Nonce,
    string? Hash,
    IReadOnlyList<string> Hashes,
    int Attempts,
    int Replacements,
    string? LastError,
    string? Outcome,
    string? Error,
    long? BlockNumber,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SettledAt);

/// <summary>The app's account and its intents: queued (not yet given a nonce), active and recently settled.</summary>
public sealed record ChainTransactionList(string Account, long ChainId, IReadOnlyList<ChainTransactionView> Transactions);

/// <summary>Reads the ledger for the visibility endpoint: queued and active intents first (oldest first), then settled ones, newest first.</summary>
public sealed class ChainTransactionListing
{
    public const int MaxLimit = 500;

    public const int DefaultLimit = 100;

    public const string StatusParameter = "status";

    public const string LimitParameter = "limit";

    private readonly ChainIntentSender _sender;
    private readonly long _chainId;

    public ChainTransactionListing(ChainIntentSender sender, Microsoft.Extensions.Options.IOptions<ChainOptions> chain)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(chain);
        _sender = sender;
        _chainId = chain.Value.ChainId;
    }

    /// <param name="status"><c>pending</c> (queued and active), <c>settled</c>, or null for both.</param>
    public async Task<ChainTransactionList> ListAsync(string? status, int limit, CancellationToken cancellationToken)
    {
        if (status is not (null or "pending" or "settled"))
        {
            throw ValidationException.For("status", "status is pending or settled.");
        }

        if (limit is < 1 or > MaxLimit)
        {
            throw ValidationException.For("limit", $"limit is 1 to {MaxLimit}.");
        }

        var ledger = _sender.Ledger;
        await ledger.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var views = new List<ChainTransactionView>();
        if (status is null or "pending")
        {
            var queued = await ledger.ListPendingEntriesAsync(limit, cancellationToken).ConfigureAwait(false);
            views.AddRange(queued.Select(q => new ChainTransactionView(q.IntentId, string.Empty, "queued", null, null, [], 0, 0, null, null, null, null, q.CreatedAt, null)));
            var active = await ledger.ListActiveAsync(cancellationToken).ConfigureAwait(false);
            views.AddRange(active.Select(View));
        }

        if (status is null or "settled")
        {
            var settled = await ledger.ListSettledAsync(int.MaxValue, cancellationToken).ConfigureAwait(false);
            views.AddRange(settled.OrderByDescending(r => r.Nonce).Select(View));
        }

        return new ChainTransactionList(_sender.Address, _chainId, views.Take(limit).ToList());
    }

    /// <summary>The HTTP answer to <c>GET /api/{app}/chain/transactions?status=&amp;limit=</c>.</summary>
    public async Task<IActionResult> RespondAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var status = request.Query.TryGetValue(StatusParameter, out var given) ? given.ToString() : null;
        var limit = DefaultLimit;
        if (request.Query.TryGetValue(LimitParameter, out var text) && !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit))
        {
            throw ValidationException.For(LimitParameter, $"limit is a whole number from 1 to {MaxLimit}.");
        }

        return new JsonBodyResult(await ListAsync(string.IsNullOrEmpty(status) ? null : status, limit, cancellationToken).ConfigureAwait(false));
    }

    private static ChainTransactionView View(ChainTransactionRow row) => new(
        row.IntentId,
        row.Kind,
        row.Outcome ?? row.Status,
        row.Nonce,
        row.IncludedHash ?? row.LatestHash,
        row.HashList,
        row.Attempts,
        row.Replacements,
        row.LastError,
        row.Outcome,
        row.Error,
        row.IncludedBlock,
        row.CreatedAt,
        row.SettledAt);
}
