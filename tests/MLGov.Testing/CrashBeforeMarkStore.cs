using MLGov.Platform.Messaging.Outbox;
using MLGov.Platform.Tables;

namespace MLGov.Testing;

/// <summary>
/// The one fault the outbox tests inject: the process "dies" after the broker accepted a message and
/// before the row is marked sent. Marking blocks until the dispatcher is stopped, so the row stays
/// pending exactly as after a kill. Reading and everything else is the real store.
/// </summary>
public sealed class CrashBeforeMarkStore : IOutboxStore
{
    private readonly IOutboxStore _inner;
    private readonly TaskCompletionSource<string> _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CrashBeforeMarkStore(IOutboxStore inner)
    {
        _inner = inner;
    }

    /// <summary>Completes with the event id once a message was sent and the mark step reached.</summary>
    public Task<string> SentButNotMarked => _sent.Task;

    public Task<IReadOnlyList<OutboxMessage>> FindPendingAsync(string table, string? partitionKey, int max, CancellationToken cancellationToken) =>
        _inner.FindPendingAsync(table, partitionKey, max, cancellationToken);

    public async Task<bool> MarkSentAsync(string table, OutboxMessage message, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        _sent.TrySetResult(message.EventId);
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return false;
    }
}
