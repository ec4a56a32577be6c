using MLGov.Core.Events;
using MLGov.Platform.Events;

namespace MLGov.Platform.Tests.Messaging.Support;

/// <summary>The same shape on a topic without duplicate detection, so every copy reaches the consumer.</summary>
public sealed record WidgetPackedV1(string WidgetId, int Quantity, string Behaviour = "ok") : IIntegrationEvent
{
    public static string EventType => "com.mlgov.test.widget.packed.v1";

    public static string Topic => MessagingTopology.NoDedupTopic;

    string IIntegrationEvent.Subject => "widgets/" + WidgetId;

    public IEnumerable<string> Validate()
    {
        if (Quantity <= 0)
        {
            yield return "quantity is not positive";
        }
    }
}
