using MLGov.Core.Errors;
using MLGov.Platform.Messaging.Consuming;
using MLGov.Platform.Tables;

using MLGov.Testing;

namespace MLGov.Platform.Tests.Messaging.Support;

/// <summary>
/// Adds the widgets of an event to a counter row, with the inbox row in the same transaction, the
/// way a real handler changes state. Misbehaves as the event's Behaviour asks.
/// </summary>
public sealed class WidgetHandler : IEventHandler<WidgetShippedV1>, IEventHandler<WidgetPackedV1>
{
    public const string Table = "test";

    private readonly TableStores _stores;
    private readonly HandlerProbe _probe;

    public WidgetHandler(TableStores stores, HandlerProbe probe)
    {
        _stores = stores;
        _probe = probe;
    }

    public static string PartitionOf(string widgetId) => "widgets:" + widgetId;

    public Task HandleAsync(WidgetShippedV1 data, EventContext context, CancellationToken cancellationToken) =>
        CountAsync(data.WidgetId, data.Quantity, data.Behaviour, context, cancellationToken);

    public Task HandleAsync(WidgetPackedV1 data, EventContext context, CancellationToken cancellationToken) =>
        CountAsync(data.WidgetId, data.Quantity, data.Behaviour, context, cancellationToken);

    private async Task CountAsync(string widgetId, int quantity, string behaviour, EventContext context, CancellationToken cancellationToken)
    {
        var attempt = _probe.Attempt(context.EventId);
        switch (behaviour)
        {
            case "reject":
                throw ValidationException.For("widgetId", $"Widget {widgetId} is not one of ours.");
            case "fail-always":
            case "fail-once-before" when attempt == 1:
                throw new InvalidOperationException($"Simulated transient failure on attempt {attempt}.");
            case "not-found-twice" when attempt <= 2:
                throw new NotFoundException($"Widget {widgetId} is not registered yet (attempt {attempt}).");
            case "slow":
                using (_probe.Enter())
                {
                    await Task.Delay(150, cancellationToken);
                }

                break;
        }

        var store = _stores.For<WidgetCount>(Table);
        var partition = PartitionOf(widgetId);
        var count = await store.FindAsync(partition, "count", cancellationToken);
        var batch = await store.BatchAsync(partition, cancellationToken);
        if (count is null)
        {
            batch.Add(new WidgetCount { PartitionKey = partition, Quantity = quantity, Events = 1 });
        }
        else
        {
            count.Quantity += quantity;
            count.Events++;
            batch.Update(count);
        }

        batch.RecordInbox(context);
        await batch.CommitAsync(cancellationToken);
        _probe.Committed(context.EventId);
        if (behaviour == "fail-once-after" && attempt == 1)
        {
            throw new InvalidOperationException("Simulated failure after the state change committed.");
        }
    }
}
