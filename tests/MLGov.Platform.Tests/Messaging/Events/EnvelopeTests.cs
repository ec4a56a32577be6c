using System.Text;
using System.Text.Json;
using Azure.Messaging.ServiceBus;
using MLGov.Platform.Tests.Messaging.Support;
using MLGov.Testing;
using MLGov.Core.Events;
using MLGov.Platform.Events;
using MLGov.Core.Events.Risk;
using MLGov.Platform.Messaging;

namespace MLGov.Platform.Tests.Messaging.Events;

[Collection(Backbone.Collection)]
public sealed class EnvelopeTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static SlaBreachedV1 Breach() => new(
        "inc-1", "sla-1", "did:key:provider", "did:key:beneficiary", "availability",
        Now.AddHours(-1), Now, Now, 1500, "USDC");

    [Fact]
    public void An_event_becomes_a_cloudevent_whose_attributes_follow_the_schema()
    {
        var envelope = EventEnvelope.Create(Breach(), "ev-1", Now);

        Assert.Equal("1.0", envelope.SpecVersion.VersionId);
        Assert.Equal("ev-1", envelope.Id);
        Assert.Equal("com.mlgov.risk.sla.breached.v1", envelope.Type);
        Assert.Equal("/mlgov/risk", envelope.Source!.OriginalString);
        Assert.Equal("incidents/inc-1", envelope.Subject);
        Assert.Equal(Now, envelope.Time);
        Assert.Equal("application/json", envelope.DataContentType);
    }

    [Fact]
    public void The_structured_json_form_round_trips_with_camel_case_data()
    {
        var json = EventEnvelope.ToJson(EventEnvelope.Create(Breach(), "ev-2", Now));

        using (var document = JsonDocument.Parse(json))
        {
            Assert.Equal("1.0", document.RootElement.GetProperty("specversion").GetString());
            Assert.Equal(1500, document.RootElement.GetProperty("data").GetProperty("compensationMinor").GetInt64());
        }

        var back = EventEnvelope.FromJson(Encoding.UTF8.GetBytes(json));
        Assert.Equal(Breach(), EventEnvelope.ReadData(back, typeof(SlaBreachedV1)));
        Assert.Equal("ev-2", back.Id);
    }

    [Fact]
    public void On_service_bus_the_event_travels_in_binary_mode()
    {
        var message = CloudEventMessages.ToMessage(EventEnvelope.Create(Breach(), "ev-3", Now));

        Assert.Equal("ev-3", message.MessageId);
        Assert.Equal("com.mlgov.risk.sla.breached.v1", message.Subject);
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal("1.0", message.ApplicationProperties["cloudEvents_specversion"]);
        Assert.Equal("ev-3", message.ApplicationProperties["cloudEvents_id"]);
        Assert.Equal("/mlgov/risk", message.ApplicationProperties["cloudEvents_source"]);
        Assert.Equal("com.mlgov.risk.sla.breached.v1", message.ApplicationProperties["cloudEvents_type"]);
        Assert.Equal("incidents/inc-1", message.ApplicationProperties["cloudEvents_subject"]);
        Assert.Equal("2025-03-01T12:00:00Z", message.ApplicationProperties["cloudEvents_time"]);
        Assert.False(message.ApplicationProperties.ContainsKey("cloudEvents_datacontenttype"));
        using var body = JsonDocument.Parse(message.Body.ToString());
        Assert.Equal("inc-1", body.RootElement.GetProperty("incidentId").GetString());
    }

    [Fact]
    public void A_received_binary_message_is_read_back_into_the_same_event()
    {
        var sent = CloudEventMessages.ToMessage(EventEnvelope.Create(Breach(), "ev-4", Now));

        var received = CloudEventMessages.FromMessage(Received(sent.Body, sent.ContentType, sent.ApplicationProperties));

        Assert.Equal("ev-4", received.Id);
        Assert.Equal("incidents/inc-1", received.Subject);
        Assert.Equal(Now, received.Time);
        Assert.Equal(Breach(), EventEnvelope.ReadData(received, typeof(SlaBreachedV1)));
    }

    [Fact]
    public void The_older_colon_prefix_and_structured_mode_are_accepted_too()
    {
        var sent = CloudEventMessages.ToMessage(EventEnvelope.Create(Breach(), "ev-5", Now));
        var legacy = sent.ApplicationProperties.ToDictionary(p => p.Key.Replace("cloudEvents_", "cloudEvents:", StringComparison.Ordinal), p => p.Value);
        Assert.Equal("ev-5", CloudEventMessages.FromMessage(Received(sent.Body, sent.ContentType, legacy)).Id);

        var structured = EventEnvelope.ToJson(EventEnvelope.Create(Breach(), "ev-6", Now));
        var fromStructured = CloudEventMessages.FromMessage(Received(BinaryData.FromString(structured), "application/cloudevents+json; charset=utf-8", new Dictionary<string, object>()));
        Assert.Equal("ev-6", fromStructured.Id);
        Assert.Equal(Breach(), EventEnvelope.ReadData(fromStructured, typeof(SlaBreachedV1)));
    }

    [Theory]
    [InlineData("no-specversion")]
    [InlineData("bad-specversion")]
    [InlineData("no-id")]
    [InlineData("no-type")]
    [InlineData("no-source")]
    [InlineData("bad-id")]
    [InlineData("bad-time")]
    [InlineData("bad-json")]
    [InlineData("bad-structured")]
    public void Messages_that_are_not_valid_cloudevents_are_refused_with_a_reason(string defect)
    {
        var sent = CloudEventMessages.ToMessage(EventEnvelope.Create(Breach(), "ev-7", Now));
        var properties = new Dictionary<string, object>(sent.ApplicationProperties);
        var body = sent.Body;
        var contentType = sent.ContentType;
        switch (defect)
        {
            case "no-specversion": properties.Remove("cloudEvents_specversion"); break;
            case "bad-specversion": properties["cloudEvents_specversion"] = "0.1"; break;
            case "no-id": properties.Remove("cloudEvents_id"); break;
            case "no-type": properties.Remove("cloudEvents_type"); break;
            case "no-source": properties.Remove("cloudEvents_source"); break;
            case "bad-id": properties["cloudEvents_id"] = "a/b#c"; break;
            case "bad-time": properties["cloudEvents_time"] = "yesterday"; break;
            case "bad-json": body = BinaryData.FromString("{not json"); break;
            case "bad-structured": body = BinaryData.FromString("{\"specversion\":\"1.0\"}"); contentType = "application/cloudevents+json"; properties.Clear(); break;
        }

        var error = Assert.Throws<InvalidEventMessageException>(() => CloudEventMessages.FromMessage(Received(body, contentType, properties)));
        Assert.StartsWith("The ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_that_breaks_its_own_rules_cannot_be_published()
    {
        var invalid = Breach() with { CompensationMinor = 0, WindowEnd = Now.AddHours(-2) };

        var error = Assert.Throws<ArgumentException>(() => EventEnvelope.Create(invalid, "ev-8", Now));

        Assert.Contains("compensationMinor is not positive", error.Message, StringComparison.Ordinal);
        Assert.Contains("windowStart is not before windowEnd", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => EventEnvelope.Create(Breach(), "not/valid", Now));
        Assert.Throws<ArgumentException>(() => EventEnvelope.Create(new WidgetShippedV1("w", 0), "ev-9", Now));
    }

    [Fact]
    public void Event_ids_are_time_ordered_uuids_and_only_safe_characters_pass()
    {
        var first = EventIds.New(Now);
        var second = EventIds.New(Now.AddSeconds(1));

        Assert.True(EventIds.IsValid(first));
        Assert.True(string.CompareOrdinal(first, second) < 0);
        Assert.False(EventIds.IsValid(""));
        Assert.False(EventIds.IsValid("-leading-dash"));
        Assert.False(EventIds.IsValid("has space"));
        Assert.False(EventIds.IsValid(new string('a', 129)));
        Assert.True(EventIds.IsValid(new string('a', 128)));
    }

    private static ServiceBusReceivedMessage Received(BinaryData body, string? contentType, IDictionary<string, object> properties) =>
        ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: body,
            messageId: "m-1",
            contentType: contentType,
            properties: properties,
            deliveryCount: 1,
            sequenceNumber: 1);
}
