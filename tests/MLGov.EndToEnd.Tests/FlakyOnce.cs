using MLGov.Testing;
using MLGov.Core.Events.Risk;
using MLGov.Platform.Messaging.Consuming;

namespace MLGov.EndToEnd.Tests;

/// <summary>Wraps Finance's real handler: fails the first delivery of incidents named flaky-*, and counts attempts and successes.</summary>
public sealed class FlakyOnce : IEventHandler<SlaBreachedV1>
{
    private readonly IEventHandler<SlaBreachedV1> _inner;
    private readonly HandlerProbe _probe;

    public FlakyOnce(IEventHandler<SlaBreachedV1> inner, HandlerProbe probe)
    {
        _inner = inner;
        _probe = probe;
    }

    public async Task HandleAsync(SlaBreachedV1 data, EventContext context, CancellationToken cancellationToken)
    {
        var attempt = _probe.Attempt(context.EventId);
        if (data.IncidentId.StartsWith("flaky-", StringComparison.Ordinal) && attempt == 1)
        {
            throw new TimeoutException("Simulated: the table service timed out.");
        }

        await _inner.HandleAsync(data, context, cancellationToken);
        _probe.Committed(context.EventId);
    }
}
