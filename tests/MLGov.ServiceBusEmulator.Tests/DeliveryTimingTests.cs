using Azure.Messaging.ServiceBus;
using Xunit;

namespace MLGov.ServiceBusEmulator.Tests;

/// <summary>Scheduling, time to live and duplicate detection. Waits are short, bounds generous.</summary>
public sealed class DeliveryTimingTests : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan ReceiveWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ShortWait = TimeSpan.FromMilliseconds(500);
    private readonly EmulatorFixture _fixture;

    public DeliveryTimingTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task ScheduledMessage_AppearsNoEarlierThanItsTime()
    {
        await using ServiceBusSender sender = _fixture.Client.CreateSender("scheduled");
        await using ServiceBusReceiver receiver = _fixture.Client.CreateReceiver("scheduled");
        await receiver.PeekMessagesAsync(1); // opens the management link, so scheduling below is not delayed by it
        // AMQP carries the scheduled time in whole milliseconds, so that is the time the broker is asked for.
        DateTimeOffset enqueueAt = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddSeconds(3).ToUnixTimeMilliseconds());
        long sequenceNumber = await sender.ScheduleMessageAsync(new ServiceBusMessage("later") { MessageId = "sched-1" }, enqueueAt);
        Assert.True(sequenceNumber > 0);

        IReadOnlyList<ServiceBusReceivedMessage> peeked = await receiver.PeekMessagesAsync(10);
        ServiceBusReceivedMessage scheduled = Assert.Single(peeked);
        Assert.Equal(ServiceBusMessageState.Scheduled, scheduled.State);
        Assert.Equal(sequenceNumber, scheduled.SequenceNumber);

        ServiceBusReceivedMessage? received = await receiver.ReceiveMessageAsync(ReceiveWait);
        Assert.NotNull(received);
        Assert.Equal("sched-1", received.MessageId);
        Assert.True(DateTimeOffset.UtcNow >= enqueueAt, "received before its scheduled time");
        Assert.True(received.EnqueuedTime >= enqueueAt.AddMilliseconds(-50));
        Assert.Equal(enqueueAt.ToUnixTimeMilliseconds(), received.ScheduledEnqueueTime.ToUnixTimeMilliseconds(), 1000.0);
        await receiver.CompleteMessageAsync(received);
    }

    [Fact]
    public async Task CancelledScheduledMessage_NeverAppears()
    {
        await using ServiceBusSender sender = _fixture.Client.CreateSender("scheduled-cancel");
        await using ServiceBusReceiver receiver = _fixture.Client.CreateReceiver("scheduled-cancel");
        await receiver.PeekMessagesAsync(1); // opens the management link, so scheduling below is not delayed by it

        // AMQP carries the scheduled time in whole milliseconds, so that is the time the broker is asked for.
        DateTimeOffset enqueueAt = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddSeconds(3).ToUnixTimeMilliseconds());
        long sequenceNumber = await sender.ScheduleMessageAsync(new ServiceBusMessage("never") { MessageId = "cancel-1" }, enqueueAt);
        Assert.Equal(1, _fixture.Emulator.GetEntity("scheduled-cancel")!.ScheduledMessageCount);
        await sender.CancelScheduledMessageAsync(sequenceNumber);

        Assert.Null(await receiver.ReceiveMessageAsync(enqueueAt - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1.5)));
        Assert.Equal(0, _fixture.Emulator.GetEntity("scheduled-cancel")!.TotalMessageCount);
    }

    [Fact]
    public async Task ScheduledTopicMessage_ReachesSubscriptionsAtItsTime_AndCancelledOneNever()
    {
        await using ServiceBusSender sender = _fixture.Client.CreateSender("scheduled-topic");
        await using ServiceBusReceiver receiver = _fixture.Client.CreateReceiver("scheduled-topic", "sub");
        await sender.CancelScheduledMessageAsync(0); // opens the management link ahead of the timed part

        // AMQP carries the scheduled time in whole milliseconds, so that is the time the broker is asked for.
        DateTimeOffset enqueueAt = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddSeconds(3).ToUnixTimeMilliseconds());
        long kept = await sender.ScheduleMessageAsync(new ServiceBusMessage("kept") { MessageId = "topic-sched-1" }, enqueueAt);
        long cancelled = await sender.ScheduleMessageAsync(new ServiceBusMessage("cancelled") { MessageId = "topic-sched-2" }, enqueueAt);
        Assert.NotEqual(kept, cancelled);
        await sender.CancelScheduledMessageAsync(cancelled);

        ServiceBusReceivedMessage? received = await receiver.ReceiveMessageAsync(ReceiveWait);
        Assert.NotNull(received);
        Assert.Equal("topic-sched-1", received.MessageId);
        Assert.Equal(kept, received.SequenceNumber);
        Assert.True(DateTimeOffset.UtcNow >= enqueueAt, "received before its scheduled time");
        await receiver.CompleteMessageAsync(received);
        Assert.Null(await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task DuplicateMessageId_WithinTheWindow_IsDropped()
    {
        await using ServiceBusSender sender = _fixture.Client.CreateSender("duplicates");
        await sender.SendMessageAsync(new ServiceBusMessage("first") { MessageId = "dup-1" });
        await sender.SendMessageAsync(new ServiceBusMessage("second") { MessageId = "dup-1" });
        await sender.SendMessagesAsync([new ServiceBusMessage("third") { MessageId = "dup-1" }, new ServiceBusMessage("other") { MessageId = "dup-2" }]);

        await using ServiceBusReceiver receiver = _fixture.Client.CreateReceiver("duplicates", new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });
        IReadOnlyList<ServiceBusReceivedMessage> received = await QueueTests.ReceiveAsync(receiver, 2);
        Assert.Equal(["first", "other"], received.Select(m => m.Body.ToString()));
        Assert.Null(await receiver.ReceiveMessageAsync(ShortWait));
    }

    [Fact]
    public async Task MessageTimeToLive_ExpiredMessageIsDropped()
    {
        await using ServiceBusSender sender = _fixture.Client.CreateSender("ttl-drop");
        await sender.SendMessageAsync(new ServiceBusMessage("short-lived") { TimeToLive = TimeSpan.FromSeconds(1) });
        await sender.SendMessageAsync(new ServiceBusMessage("long-lived"));
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        await using ServiceBusReceiver receiver = _fixture.Client.CreateReceiver("ttl-drop", new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });
        ServiceBusReceivedMessage? received = await receiver.ReceiveMessageAsync(ReceiveWait);
        Assert.NotNull(received);
        Assert.Equal("long-lived", received.Body.ToString());
        Assert.Null(await receiver.ReceiveMessageAsync(ShortWait));
        Assert.Equal(0, _fixture.Emulator.GetDeadLetterCount("ttl-drop"));
    }

    [Fact]
    public async Task MessageTimeToLive_DeadLettersWhenTheEntitySaysSo()
    {
        await using ServiceBusSender sender = _fixture.Client.CreateSender("ttl-dead-letter");
        await sender.SendMessageAsync(new ServiceBusMessage("expires") { MessageId = "ttl-1", TimeToLive = TimeSpan.FromSeconds(1) });

        await using ServiceBusReceiver dlq = _fixture.Client.CreateReceiver("ttl-dead-letter", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        ServiceBusReceivedMessage? dead = await dlq.ReceiveMessageAsync(ReceiveWait);
        Assert.NotNull(dead);
        Assert.Equal("ttl-1", dead.MessageId);
        Assert.Equal("TTLExpiredException", dead.DeadLetterReason);
        await dlq.CompleteMessageAsync(dead);
    }

    [Fact]
    public async Task EntityDefaultTimeToLive_AppliesToMessagesWithoutOne()
    {
        await using ServiceBusSender sender = _fixture.Client.CreateSender("ttl-entity");
        await sender.SendMessageAsync(new ServiceBusMessage("default ttl"));
        await using ServiceBusReceiver receiver = _fixture.Client.CreateReceiver("ttl-entity");
        IReadOnlyList<ServiceBusReceivedMessage> peeked = await receiver.PeekMessagesAsync(1);
        Assert.Equal(TimeSpan.FromSeconds(1), Assert.Single(peeked).TimeToLive);

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Null(await receiver.ReceiveMessageAsync(ShortWait));
    }
}
