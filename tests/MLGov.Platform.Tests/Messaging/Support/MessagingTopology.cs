using MLGov.ServiceBusEmulator.Topology;

namespace MLGov.Platform.Tests.Messaging.Support;

/// <summary>Entities of the backbone tests: a topic with duplicate detection and one without, short locks, few deliveries.</summary>
public static class MessagingTopology
{
    public const string WidgetsTopic = "test-events";
    public const string NoDedupTopic = "nodedup-events";
    public const string Consumer = "consumer";
    public const string Audit = "audit";
    public const int MaxDeliveryCount = 3;

    public static ServiceBusTopology Create() => TopologyLoader.Parse("""
        {
          "topics": [
            {
              "name": "test-events", "requiresDuplicateDetection": true, "duplicateDetectionHistoryTimeWindow": "PT10M",
              "subscriptions": [
                { "name": "consumer", "maxDeliveryCount": 3, "lockDuration": "PT10S",
                  "rules": [ { "name": "shipped", "correlationFilter": { "subject": "com.mlgov.test.widget.shipped.v1" } } ] },
                { "name": "audit", "maxDeliveryCount": 3, "lockDuration": "PT10S", "rules": [] }
              ]
            },
            {
              "name": "nodedup-events",
              "subscriptions": [ { "name": "consumer", "maxDeliveryCount": 3, "lockDuration": "PT10S", "rules": [] } ]
            }
          ]
        }
        """);
}
