using MLGov.Platform.Messaging.Outbox;
using MLGov.Platform.Tables;

namespace MLGov.Testing;

/// <summary>
/// The one fault the outbox tests inject: the process "dies" after the broker accepted a commit's
/// messages and before they are recorded sent. Recording blocks until the dispatcher is stopped, so
/// the commit stays pending exactly as after a kill. Everything else is the real store.
/// </summary>
public sealed class CrashBeforeMarkStore : IOutboxStore
{
    private readonly IOutboxStore _inner;
    private readonly TaskCompletionSource<string> _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CrashBeforeMarkStore(IOutboxStore inner)
    {
        _inner = inner;
    }

    /// <summary>Completes with the commit's first event id once its messages were sent and the record step reached.</summary>
    public Task<string> SentButNotMarked => _sent.Task;

    public Task<IReadOnlyList<OutboxIndexEntry>> ListPendingAsync(string table, DateTimeOffset createdBefore, int max, CancellationToken cancellationToken) =>
        _inner.ListPendingAsync(table, createdBefore, max, cancellationToken);

    public Task<IReadOnlyList<OutboxMessage>> ReadRowsAsync(string table, OutboxIndexEntry entry, CancellationToken cancellationToken) =>
        _inner.ReadRowsAsync(table, entry, cancellationToken);

    public async Task<IReadOnlyList<bool>> MarkSentAsync(string table, IReadOnlyList<OutboxIndexEntry> entries, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _sent.TrySetResult(entries[0].CommitId);
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return [];
    }

    public Task<bool> DiscardAsync(string table, OutboxIndexEntry entry, CancellationToken cancellationToken) =>
        _inner.DiscardAsync(table, entry, cancellationToken);

    public Task<int> PruneAsync(string table, DateTimeOffset sentBefore, int max, CancellationToken cancellationToken) =>
        _inner.PruneAsync(table, sentBefore, max, cancellationToken);
}
