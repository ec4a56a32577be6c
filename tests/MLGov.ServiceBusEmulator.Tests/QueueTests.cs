using Azure.Messaging.ServiceBus;
using Xunit;

namespace MLGov.ServiceBusEmulator.Tests;

public sealed class QueueTests : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan ReceiveWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ShortWait = TimeSpan.FromMilliseconds(500);
    private readonly EmulatorFixture _fixture;

    public QueueTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
    }

    private ServiceBusClient Client => _fixture.Client;

    [Fact]
    public async Task SendAndReceive_OnQueue_DeliversTheMessage()
    {
        await using ServiceBusSender sender = Client.CreateSender("send-receive");
        await sender.SendMessageAsync(new ServiceBusMessage("hello") { MessageId = "m-1" });

        await using ServiceBusReceiver receiver = Client.CreateReceiver("send-receive");
        ServiceBusReceivedMessage? received = await receiver.ReceiveMessageAsync(ReceiveWait);

        Assert.NotNull(received);
        Assert.Equal("hello", received.Body.ToString());
        Assert.Equal("m-1", received.MessageId);
        Assert.Equal(1, received.DeliveryCount);
        Assert.True(received.SequenceNumber > 0);
        Assert.True(received.LockedUntil > DateTimeOffset.UtcNow);
        Assert.True(received.EnqueuedTime > DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.NotEqual(Guid.Empty.ToString(), received.LockToken);
        await receiver.CompleteMessageAsync(received);
    }

    [Fact]
    public async Task Message_Properties_RoundTripExactly()
    {
        byte[] body = [0, 1, 2, 250, 255, 42];
        var sent = new ServiceBusMessage(body)
        {
            MessageId = "round-trip-1",
            ContentType = "application/octet-stream",
            CorrelationId = "corr-7",
            Subject = "com.mlgov.test.v1",
            To = "someone",
            ReplyTo = "reply-queue",
            TimeToLive = TimeSpan.FromMinutes(5),
        };
        sent.ApplicationProperties["string"] = "text";
        sent.ApplicationProperties["int"] = 42;
        sent.ApplicationProperties["long"] = 1234567890123L;
        sent.ApplicationProperties["double"] = 1.5;
        sent.ApplicationProperties["bool"] = true;
        sent.ApplicationProperties["guid"] = Guid.Parse("6d0f6b3e-31f4-4b8e-a7f6-0d6b1c7f9a10");
        sent.ApplicationProperties["time"] = new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        sent.ApplicationProperties["offset"] = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
        sent.ApplicationProperties["span"] = TimeSpan.FromSeconds(90);

        await using ServiceBusSender sender = Client.CreateSender("round-trip");
        await sender.SendMessageAsync(sent);
        await using ServiceBusReceiver receiver = Client.CreateReceiver("round-trip");
        ServiceBusReceivedMessage? received = await receiver.ReceiveMessageAsync(ReceiveWait);

        Assert.NotNull(received);
        Assert.Equal(body, received.Body.ToArray());
        Assert.Equal(sent.MessageId, received.MessageId);
        Assert.Equal(sent.ContentType, received.ContentType);
        Assert.Equal(sent.CorrelationId, received.CorrelationId);
        Assert.Equal(sent.Subject, received.Subject);
        Assert.Equal(sent.To, received.To);
        Assert.Equal(sent.ReplyTo, received.ReplyTo);
        Assert.Equal(TimeSpan.FromMinutes(5), received.TimeToLive);
        foreach ((string key, object value) in sent.ApplicationProperties)
        {
            Assert.Equal(value, received.ApplicationProperties[key]);
        }

        Assert.Equal(sent.ApplicationProperties.Count, received.ApplicationProperties.Count);
        await receiver.CompleteMessageAsync(received);
    }

    [Fact]
    public async Task ValueBody_RoundTrips()
    {
        var amqp = new Azure.Core.Amqp.AmqpAnnotatedMessage(Azure.Core.Amqp.AmqpMessageBody.FromValue("a value body"));
        await using ServiceBusSender sender = Client.CreateSender("value-body");
        await sender.SendMessageAsync(new ServiceBusMessage(amqp));

        await using ServiceBusReceiver receiver = Client.CreateReceiver("value-body");
        ServiceBusReceivedMessage? received = await receiver.ReceiveMessageAsync(ReceiveWait);

        Assert.NotNull(received);
        Assert.True(received.GetRawAmqpMessage().Body.TryGetValue(out object? value));
        Assert.Equal("a value body", value);
        await receiver.CompleteMessageAsync(received);
    }

    [Fact]
    public async Task Complete_RemovesTheMessage()
    {
        await using ServiceBusSender sender = Client.CreateSender("complete");
        await sender.SendMessageAsync(new ServiceBusMessage("done"));
        await using ServiceBusReceiver receiver = Client.CreateReceiver("complete");

        ServiceBusReceivedMessage? received = await receiver.ReceiveMessageAsync(ReceiveWait);
        Assert.NotNull(received);
        await receiver.CompleteMessageAsync(received);

        Assert.Null(await receiver.ReceiveMessageAsync(ShortWait));
        EntityRuntimeInfo? info = _fixture.Emulator.GetEntity("complete");
        Assert.NotNull(info);
        Assert.Equal(0, info.TotalMessageCount);
    }

    [Fact]
    public async Task Abandon_RedeliversWithDeliveryCountTwo()
    {
        await using ServiceBusSender sender = Client.CreateSender("abandon");
        await sender.SendMessageAsync(new ServiceBusMessage("retry me") { MessageId = "abandon-1" });
        await using ServiceBusReceiver receiver = Client.CreateReceiver("abandon");

        ServiceBusReceivedMessage? first = await receiver.ReceiveMessageAsync(ReceiveWait);
        Assert.NotNull(first);
        Assert.Equal(1, first.DeliveryCount);
        await receiver.AbandonMessageAsync(first, new Dictionary<string, object> { ["attempt"] = "first" });

        ServiceBusReceivedMessage? second = await receiver.ReceiveMessageAsync(ReceiveWait);
        Assert.NotNull(second);
        Assert.Equal("abandon-1", second.MessageId);
        Assert.Equal(2, second.DeliveryCount);
        Assert.Equal(first.SequenceNumber, second.SequenceNumber);
        Assert.NotEqual(first.LockToken, second.LockToken);
        Assert.Equal("first", second.ApplicationProperties["attempt"]);
        await receiver.CompleteMessageAsync(second);
    }

    [Fact]
    public async Task DeadLetter_WithReason_IsReadBackFromTheDeadLetterQueue()
    {
        await using ServiceBusSender sender = Client.CreateSender("dead-letter");
        await sender.SendMessageAsync(new ServiceBusMessage("poison") { MessageId = "poison-1" });
        await using ServiceBusReceiver receiver = Client.CreateReceiver("dead-letter");

        ServiceBusReceivedMessage? received = await receiver.ReceiveMessageAsync(ReceiveWait);
        Assert.NotNull(received);
        await receiver.DeadLetterMessageAsync(received, "SchemaInvalid", "field 'amount' is missing");

        Assert.Equal(1, _fixture.Emulator.GetDeadLetterCount("dead-letter"));
        await using ServiceBusReceiver dlq = Client.CreateReceiver("dead-letter", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        ServiceBusReceivedMessage? dead = await dlq.ReceiveMessageAsync(ReceiveWait);

        Assert.NotNull(dead);
        Assert.Equal("poison-1", dead.MessageId);
        Assert.Equal("poison", dead.Body.ToString());
        Assert.Equal("SchemaInvalid", dead.DeadLetterReason);
        Assert.Equal("field 'amount' is missing", dead.DeadLetterErrorDescription);
        await dlq.CompleteMessageAsync(dead);
        Assert.Equal(0, _fixture.Emulator.GetDeadLetterCount("dead-letter"));
        Assert.Null(await receiver.ReceiveMessageAsync(ShortWait));
    }

    [Fact]
    public async Task MaxDeliveryCount_Exceeded_DeadLettersTheMessage()
    {
        await using ServiceBusSender sender = Client.CreateSender("max-delivery");
        await sender.SendMessageAsync(new ServiceBusMessage("fails twice") { MessageId = "max-1" });
        await using ServiceBusReceiver receiver = Client.CreateReceiver("max-delivery");

        for (int attempt = 1; attempt <= 2; attempt++)
        {
            ServiceBusReceivedMessage? received = await receiver.ReceiveMessageAsync(ReceiveWait);
            Assert.NotNull(received);
            Assert.Equal(attempt, received.DeliveryCount);
            await receiver.AbandonMessageAsync(received);
        }

        Assert.Null(await receiver.ReceiveMessageAsync(ShortWait));
        await using ServiceBusReceiver dlq = Client.CreateReceiver("max-delivery", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        ServiceBusReceivedMessage? dead = await dlq.ReceiveMessageAsync(ReceiveWait);
        Assert.NotNull(dead);
        Assert.Equal("max-1", dead.MessageId);
        Assert.Equal("MaxDeliveryCountExceeded", dead.DeadLetterReason);
        await dlq.CompleteMessageAsync(dead);
    }

    [Fact]
    public async Task Peek_ReturnsMessagesWithoutLockingThem()
    {
        await using ServiceBusSender sender = Client.CreateSender("peek");
        await sender.SendMessagesAsync([new ServiceBusMessage("p1"), new ServiceBusMessage("p2"), new ServiceBusMessage("p3")]);
        await using ServiceBusReceiver receiver = Client.CreateReceiver("peek");

        IReadOnlyList<ServiceBusReceivedMessage> peeked = await receiver.PeekMessagesAsync(10);
        Assert.Equal(["p1", "p2", "p3"], peeked.Select(m => m.Body.ToString()));
        Assert.All(peeked, m => Assert.Equal(0, m.DeliveryCount));
        Assert.Equal(3, _fixture.Emulator.GetActiveMessageCount("peek"));

        IReadOnlyList<ServiceBusReceivedMessage> fromSecond = await receiver.PeekMessagesAsync(10, peeked[1].SequenceNumber);
        Assert.Equal(["p2", "p3"], fromSecond.Select(m => m.Body.ToString()));

        IReadOnlyList<ServiceBusReceivedMessage> received = await ReceiveAsync(receiver, 3);
        Assert.Equal(["p1", "p2", "p3"], received.Select(m => m.Body.ToString()));
        Assert.All(received, m => Assert.Equal(1, m.DeliveryCount));
        foreach (ServiceBusReceivedMessage message in received)
        {
            await receiver.CompleteMessageAsync(message);
        }

        Assert.Empty(await receiver.PeekMessagesAsync(10));
    }

    [Fact]
    public async Task ReceiveAndDelete_RemovesOnReceipt()
    {
        await using ServiceBusSender sender = Client.CreateSender("receive-delete");
        await sender.SendMessageAsync(new ServiceBusMessage("once"));
        await using ServiceBusReceiver receiver = Client.CreateReceiver("receive-delete", new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });

        ServiceBusReceivedMessage? received = await receiver.ReceiveMessageAsync(ReceiveWait);
        Assert.NotNull(received);
        Assert.Equal("once", received.Body.ToString());
        Assert.Null(await receiver.ReceiveMessageAsync(ShortWait));
        Assert.Equal(0, _fixture.Emulator.GetEntity("receive-delete")!.TotalMessageCount);
    }

    [Fact]
    public async Task BatchSend_DeliversEveryMessage()
    {
        await using ServiceBusSender sender = Client.CreateSender("batch");
        using ServiceBusMessageBatch batch = await sender.CreateMessageBatchAsync();
        for (int i = 0; i < 25; i++)
        {
            Assert.True(batch.TryAddMessage(new ServiceBusMessage($"item-{i}") { MessageId = $"batch-{i}" }));
        }

        await sender.SendMessagesAsync(batch);
        await using ServiceBusReceiver receiver = Client.CreateReceiver("batch", new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });
        IReadOnlyList<ServiceBusReceivedMessage> received = await ReceiveAsync(receiver, 25);

        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"item-{i}"), received.Select(m => m.Body.ToString()));
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"batch-{i}"), received.Select(m => m.MessageId));
    }

    [Fact]
    public async Task ManyMessages_WithTimeToLive_AreAllDeliveredInOrder()
    {
        // Two rounds of 5,000: the second round prunes the expiry deadlines the first left behind.
        await using ServiceBusSender sender = Client.CreateSender("bulk");
        await using ServiceBusReceiver receiver = Client.CreateReceiver("bulk", new ServiceBusReceiverOptions
        {
            ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete,
            PrefetchCount = 500,
        });
        for (int round = 0; round < 2; round++)
        {
            int sent = 0;
            while (sent < 5000)
            {
                using ServiceBusMessageBatch batch = await sender.CreateMessageBatchAsync();
                while (sent < 5000 && batch.TryAddMessage(new ServiceBusMessage($"{round}-{sent}") { TimeToLive = TimeSpan.FromMinutes(10) }))
                {
                    sent++;
                }

                await sender.SendMessagesAsync(batch);
            }

            var bodies = new List<string>();
            DateTime deadline = DateTime.UtcNow.AddSeconds(30);
            while (bodies.Count < 5000 && DateTime.UtcNow < deadline)
            {
                bodies.AddRange((await receiver.ReceiveMessagesAsync(500, TimeSpan.FromSeconds(2))).Select(m => m.Body.ToString()));
            }

            Assert.Equal(Enumerable.Range(0, 5000).Select(i => $"{round}-{i}"), bodies);
        }

        Assert.Equal(0, _fixture.Emulator.GetEntity("bulk")!.TotalMessageCount);
    }

    [Fact]
    public async Task Defer_ThenReceiveDeferredBySequenceNumber()
    {
        await using ServiceBusSender sender = Client.CreateSender("defer");
        await sender.SendMessageAsync(new ServiceBusMessage("later"));
        await using ServiceBusReceiver receiver = Client.CreateReceiver("defer");

        ServiceBusReceivedMessage? received = await receiver.ReceiveMessageAsync(ReceiveWait);
        Assert.NotNull(received);
        await receiver.DeferMessageAsync(received);
        Assert.Null(await receiver.ReceiveMessageAsync(ShortWait));

        ServiceBusReceivedMessage deferred = await receiver.ReceiveDeferredMessageAsync(received.SequenceNumber);
        Assert.Equal("later", deferred.Body.ToString());
        Assert.Equal(ServiceBusMessageState.Deferred, deferred.State);
        await receiver.CompleteMessageAsync(deferred);
        Assert.Equal(0, _fixture.Emulator.GetEntity("defer")!.TotalMessageCount);
    }

    [Fact]
    public async Task Settlement_FromAnotherReceiver_GoesThroughManagement()
    {
        await using ServiceBusSender sender = Client.CreateSender("settle-elsewhere");
        await sender.SendMessagesAsync([new ServiceBusMessage("one"), new ServiceBusMessage("two")]);

        ServiceBusReceiver first = Client.CreateReceiver("settle-elsewhere");
        IReadOnlyList<ServiceBusReceivedMessage> received = await ReceiveAsync(first, 2);
        Assert.Equal(2, received.Count);
        await first.DisposeAsync();

        await using ServiceBusReceiver second = Client.CreateReceiver("settle-elsewhere");
        await second.CompleteMessageAsync(received[0]);
        await second.DeadLetterMessageAsync(received[1], "Elsewhere", "settled by another receiver");

        Assert.Equal(0, _fixture.Emulator.GetEntity("settle-elsewhere")!.TotalMessageCount);
        await using ServiceBusReceiver dlq = Client.CreateReceiver("settle-elsewhere", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        ServiceBusReceivedMessage? dead = await dlq.ReceiveMessageAsync(ReceiveWait);
        Assert.NotNull(dead);
        Assert.Equal("two", dead.Body.ToString());
        Assert.Equal("Elsewhere", dead.DeadLetterReason);
        Assert.Equal("settled by another receiver", dead.DeadLetterErrorDescription);
        await dlq.CompleteMessageAsync(dead);

        ServiceBusException error = await Assert.ThrowsAsync<ServiceBusException>(() => second.CompleteMessageAsync(received[0]));
        Assert.Equal(ServiceBusFailureReason.MessageLockLost, error.Reason);
    }

    [Fact]
    public async Task ClosingAPrefetchingReceiver_ReleasesWhatItDidNotHandOut()
    {
        await using ServiceBusSender sender = Client.CreateSender("prefetch-release");
        await sender.SendMessagesAsync([new ServiceBusMessage("a"), new ServiceBusMessage("b"), new ServiceBusMessage("c")]);

        ServiceBusReceiver first = Client.CreateReceiver("prefetch-release", new ServiceBusReceiverOptions { PrefetchCount = 10 });
        ServiceBusReceivedMessage? taken = await first.ReceiveMessageAsync(ReceiveWait);
        Assert.NotNull(taken);
        await first.CompleteMessageAsync(taken);
        await first.DisposeAsync();

        await using ServiceBusReceiver second = Client.CreateReceiver("prefetch-release");
        IReadOnlyList<ServiceBusReceivedMessage> rest = await ReceiveAsync(second, 2);
        Assert.Equal(2, rest.Count);
        Assert.All(rest, m => Assert.Equal(1, m.DeliveryCount));
    }

    [Fact]
    public async Task UnknownEntity_RaisesMessagingEntityNotFound()
    {
        await using ServiceBusSender sender = Client.CreateSender("no-such-queue");
        ServiceBusException sendError = await Assert.ThrowsAsync<ServiceBusException>(() => sender.SendMessageAsync(new ServiceBusMessage("x")));
        Assert.Equal(ServiceBusFailureReason.MessagingEntityNotFound, sendError.Reason);

        await using ServiceBusReceiver receiver = Client.CreateReceiver("no-such-queue");
        ServiceBusException receiveError = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.ReceiveMessageAsync(ShortWait));
        Assert.Equal(ServiceBusFailureReason.MessagingEntityNotFound, receiveError.Reason);
    }

    [Fact]
    public async Task Admin_ReportsCountsPerEntity()
    {
        await using ServiceBusSender sender = Client.CreateSender("admin");
        await sender.SendMessagesAsync([new ServiceBusMessage("a"), new ServiceBusMessage("b")]);
        await using ServiceBusReceiver receiver = Client.CreateReceiver("admin");
        ServiceBusReceivedMessage? locked = await receiver.ReceiveMessageAsync(ReceiveWait);
        Assert.NotNull(locked);

        EntityRuntimeInfo? info = _fixture.Emulator.GetEntity("admin");
        Assert.NotNull(info);
        Assert.Equal(1, info.ActiveMessageCount);
        Assert.Equal(1, info.LockedMessageCount);
        Assert.Contains(_fixture.Emulator.GetEntities(), e => e.Path == "fan-out/Subscriptions/breaches");

        await receiver.DeadLetterMessageAsync(locked);
        Assert.Equal(1, _fixture.Emulator.GetDeadLetterCount("admin"));
        Assert.Equal(1, _fixture.Emulator.Purge("admin/$DeadLetterQueue"));
        Assert.Equal(1, _fixture.Emulator.Purge("admin"));
        Assert.Equal(0, _fixture.Emulator.GetEntity("admin")!.TotalMessageCount);
    }

    internal static async Task<IReadOnlyList<ServiceBusReceivedMessage>> ReceiveAsync(ServiceBusReceiver receiver, int count)
    {
        var all = new List<ServiceBusReceivedMessage>();
        DateTime deadline = DateTime.UtcNow + ReceiveWait;
        while (all.Count < count && DateTime.UtcNow < deadline)
        {
            all.AddRange(await receiver.ReceiveMessagesAsync(count - all.Count, TimeSpan.FromSeconds(2)));
        }

        return all;
    }
}
