using System.CommandLine;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.DependencyInjection;
using MLGov.DevStack;
using MLGov.Operations.DeadLetters;
using MLGov.Platform.Tests.Messaging.Support;
using MLGov.Testing;
using MLGov.Core.Events;
using MLGov.Platform.Events;
using MLGov.Platform.Messaging;
using MLGov.Platform.Messaging.Consuming;
using Spectre.Console;

namespace MLGov.Platform.Tests.Messaging.DeadLetters;

[Collection(Backbone.Collection)]
public sealed class DeadLetterTests : IClassFixture<BackboneFixture>, IAsyncLifetime
{
    private static readonly ServiceBusEntity Packed = ServiceBusEntity.ForSubscription(MessagingTopology.NoDedupTopic, MessagingTopology.Consumer);

    private readonly BackboneFixture _fixture;
    private readonly string _stateDirectory = Path.Combine(Path.GetTempPath(), "mlgov-dlq-" + Guid.NewGuid().ToString("N"));

    public DeadLetterTests(BackboneFixture fixture)
    {
        _fixture = fixture;
    }

    public Task InitializeAsync()
    {
        _fixture.Emulator.Purge(Packed.Path);
        _fixture.Emulator.Purge(Packed.Path + "/$DeadLetterQueue");
        Directory.CreateDirectory(_stateDirectory);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_stateDirectory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_inspector_lists_dead_letters_with_reason_description_and_event_id()
    {
        var eventId = await DeadLetterAsync("list-1", "SchemaViolation", "quantity is not positive");

        var listed = await new DeadLetterInspector(_fixture.Client).ListAsync(Packed, 10, CancellationToken.None);

        var message = Assert.Single(listed);
        Assert.Equal(eventId, message.MessageId);
        Assert.Equal(eventId, message.EventId);
        Assert.Equal(WidgetPackedV1.EventType, message.Subject);
        Assert.Equal("SchemaViolation", message.Reason);
        Assert.Equal("quantity is not positive", message.Description);
        Assert.True(message.SequenceNumber > 0);
        Assert.True(message.EnqueuedTime > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task Dlq_list_prints_a_table_of_the_dead_lettered_messages()
    {
        var eventId = await DeadLetterAsync("cli-1", "HandlerRejected", "validation: Widget cli-1 is not one of ours.");
        using var console = new RecordingConsole();

        var exit = await RunAsync(console, "dlq", "list", "--entity", Packed.Path, "--connection-string", _fixture.Emulator.ConnectionString);

        Assert.Equal(0, exit);
        var output = console.Output;
        Assert.Contains("nodedup-events/Subscriptions/consumer: 1 dead-lettered", output, StringComparison.Ordinal);
        foreach (var column in new[] { "Sequence", "Message id", "Subject", "Reason", "Description", "Enqueued (UTC)" })
        {
            Assert.Contains(column, output, StringComparison.Ordinal);
        }

        Assert.Contains(eventId, output, StringComparison.Ordinal);
        Assert.Contains("HandlerRejected", output, StringComparison.Ordinal);
        Assert.Contains("validation: Widget cli-1 is not one of ours.", output, StringComparison.Ordinal);
        Assert.Contains(WidgetPackedV1.EventType, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dlq_list_defaults_to_every_entity_of_the_topology_and_to_the_running_stack()
    {
        await DeadLetterAsync("cli-2", "SchemaViolation", "broken");
        var topology = Path.Combine(_stateDirectory, "topology.json");
        await File.WriteAllTextAsync(topology, """
            { "topics": [ { "name": "test-events", "subscriptions": [ { "name": "consumer" }, { "name": "audit" } ] },
                          { "name": "nodedup-events", "subscriptions": [ { "name": "consumer" } ] } ] }
            """);
        await new LocalServiceBusRecord(_fixture.Emulator.ConnectionString, Environment.ProcessId, DateTimeOffset.UtcNow)
            .WriteAsync(Path.Combine(_stateDirectory, LocalServiceBusRecord.FileName), CancellationToken.None);
        using var console = new RecordingConsole();

        var exit = await RunAsync(console, "dlq", "list", "--topology", topology);

        Assert.Equal(0, exit);
        Assert.Contains("test-events/Subscriptions/consumer: no dead-lettered messages", console.Output, StringComparison.Ordinal);
        Assert.Contains("test-events/Subscriptions/audit: no dead-lettered messages", console.Output, StringComparison.Ordinal);
        Assert.Contains("nodedup-events/Subscriptions/consumer: 1 dead-lettered", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dlq_without_a_stack_or_connection_says_how_to_get_one()
    {
        using var console = new RecordingConsole();
        var previous = Environment.GetEnvironmentVariable("ServiceBus__ConnectionString");
        Environment.SetEnvironmentVariable("ServiceBus__ConnectionString", null);
        try
        {
            var exit = await RunAsync(console, "dlq", "list", "--entity", Packed.Path);

            Assert.Equal(2, exit);
            Assert.Contains("./mlgov up", console.Output, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("ServiceBus__ConnectionString", previous);
        }
    }

    [Theory]
    [InlineData("dlq", "list", "--entity", "not/an/entity/path")]
    [InlineData("dlq", "list", "--entity", "no-such-topic/Subscriptions/x")]
    [InlineData("dlq", "resubmit", "--entity", "nodedup-events/Subscriptions/consumer")]
    [InlineData("dlq", "resubmit", "--entity", "nodedup-events/Subscriptions/consumer", "--all", "--sequence", "1")]
    public async Task Bad_arguments_and_unknown_entities_fail_with_a_message_not_a_stack_trace(params string[] args)
    {
        using var console = new RecordingConsole();

        var exit = await RunAsync(console, [.. args, "--connection-string", _fixture.Emulator.ConnectionString]);

        Assert.NotEqual(0, exit);
        Assert.DoesNotContain("   at ", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resubmitting_sends_the_message_back_and_the_consumer_then_handles_it_once()
    {
        var probe = new HandlerProbe();
        var eventId = await DeadLetterAsync("resub-1", "MaxDeliveryCountExceeded", "the database was down");
        var sequence = (await new DeadLetterInspector(_fixture.Client).ListAsync(Packed, 10, CancellationToken.None)).Single().SequenceNumber;
        await using var app = await TestApp.StartAsync(_fixture.Configuration(), services =>
        {
            services.AddSingleton(probe);
            services.AddEventHandler<WidgetPackedV1, WidgetHandler>(MessagingTopology.Consumer);
        });
        using var console = new RecordingConsole();

        var exit = await RunAsync(console, "dlq", "resubmit", "--entity", Packed.Path, "--sequence", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), "--connection-string", _fixture.Emulator.ConnectionString);

        Assert.Equal(0, exit);
        Assert.Contains($"Resubmitted {sequence}", console.Output, StringComparison.Ordinal);
        Assert.Contains(eventId + "~r1", console.Output, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => probe.CommitsOf(eventId) == 1, "the resubmitted event to be handled");
        Assert.Equal(0, _fixture.Emulator.GetDeadLetterCount(Packed.Path));
        var inbox = await app.Get<InboxStore>().ListAsync("nodedup-events.consumer", CancellationToken.None);
        Assert.Contains(inbox, e => e.EventId == eventId);
    }

    [Fact]
    public async Task Resubmitting_all_takes_every_message_and_reports_unknown_sequence_numbers()
    {
        await DeadLetterAsync("all-1", "SchemaViolation", "x");
        await DeadLetterAsync("all-2", "SchemaViolation", "y");
        var inspector = new DeadLetterInspector(_fixture.Client);

        var missing = await inspector.ResubmitAsync(Packed, [999_999], CancellationToken.None);
        Assert.Empty(missing.Resubmitted);
        Assert.Equal(999_999L, Assert.Single(missing.NotFound));
        Assert.Equal(2, _fixture.Emulator.GetDeadLetterCount(Packed.Path));

        var all = await inspector.ResubmitAsync(Packed, null, CancellationToken.None);

        Assert.Equal(2, all.Resubmitted.Count);
        Assert.Empty(all.NotFound);
        Assert.Equal(0, _fixture.Emulator.GetDeadLetterCount(Packed.Path));
        await using var receiver = _fixture.Client.CreateReceiver(Packed.QueueOrTopic, Packed.Subscription);
        var back = await receiver.ReceiveMessagesAsync(10, TimeSpan.FromSeconds(2));
        Assert.Equal(2, back.Count);
        Assert.All(back, m =>
        {
            Assert.False(m.ApplicationProperties.ContainsKey("DeadLetterReason"));
            Assert.Equal(1, m.ApplicationProperties[DeadLetterInspector.ResubmitCountProperty]);
            Assert.StartsWith(Packed.Path + "/$DeadLetterQueue#", m.ApplicationProperties[DeadLetterInspector.ResubmittedFromProperty].ToString(), StringComparison.Ordinal);
            Assert.EndsWith("~r1", m.MessageId, StringComparison.Ordinal);
        });
    }

    /// <summary>Sends a valid event and dead-letters it by hand, as a consumer would.</summary>
    private async Task<string> DeadLetterAsync(string widgetId, string reason, string description)
    {
        var eventId = EventIds.New(DateTimeOffset.UtcNow);
        await using (var sender = _fixture.Client.CreateSender(MessagingTopology.NoDedupTopic))
        {
            await sender.SendMessageAsync(CloudEventMessages.ToMessage(EventEnvelope.Create(new WidgetPackedV1(widgetId, 1), eventId, DateTimeOffset.UtcNow)));
        }

        await using var receiver = _fixture.Client.CreateReceiver(Packed.QueueOrTopic, Packed.Subscription);
        var message = await Eventually.GetAsync(
            async () =>
            {
                var received = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(1));
                if (received is not null && received.MessageId != eventId)
                {
                    await receiver.AbandonMessageAsync(received);
                    return null;
                }

                return received;
            },
            "the message to dead-letter");
        await receiver.DeadLetterMessageAsync(message, reason, description);
        return eventId;
    }

    private Task<int> RunAsync(RecordingConsole console, params string[] args)
    {
        var root = new RootCommand { DeadLetterCommand.Create(console.Console, _stateDirectory, LocalDependencies.TopologyPath) };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            console.Console.WriteLine(string.Join(Environment.NewLine, parse.Errors.Select(e => e.Message)));
        }

        return parse.InvokeAsync();
    }
}
