using MLGov.Core.Events;
using MLGov.Platform.Events;

namespace MLGov.Platform.Tests.Messaging.Support;

/// <summary>
/// A test event whose data tells the test handler how to behave: "ok", "fail-once-before" (throws
/// before committing on the first delivery), "fail-once-after" (throws after committing on the first
/// delivery), "reject" (a domain error), "fail-always".
/// </summary>
public sealed record WidgetShippedV1(string WidgetId, int Quantity, string Behaviour = "ok") : IIntegrationEvent
{
    public static string EventType => "com.mlgov.test.widget.shipped.v1";

    public static string Topic => MessagingTopology.WidgetsTopic;

    string IIntegrationEvent.Subject => "widgets/" + WidgetId;

    public IEnumerable<string> Validate()
    {
        if (Quantity <= 0)
        {
            yield return "quantity is not positive";
        }
    }
}
