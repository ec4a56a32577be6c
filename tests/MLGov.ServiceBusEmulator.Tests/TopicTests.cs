using Azure.Messaging.ServiceBus;
using Xunit;

namespace MLGov.ServiceBusEmulator.Tests;

public sealed class TopicTests : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan ReceiveWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ShortWait = TimeSpan.FromMilliseconds(500);
    private readonly EmulatorFixture _fixture;

    public TopicTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Topic_FansOutBySubjectFilter()
    {
        await using ServiceBusSender sender = _fixture.Client.CreateSender("fan-out");
        await sender.SendMessageAsync(new ServiceBusMessage("breach") { Subject = "sla.breached", MessageId = "e-1" });
        await sender.SendMessageAsync(new ServiceBusMessage("noise") { Subject = "sla.met", MessageId = "e-2" });

        await using ServiceBusReceiver all = _fixture.Client.CreateReceiver("fan-out", "all");
        await using ServiceBusReceiver breaches = _fixture.Client.CreateReceiver("fan-out", "breaches");
        await using ServiceBusReceiver other = _fixture.Client.CreateReceiver("fan-out", "other");

        IReadOnlyList<ServiceBusReceivedMessage> fromAll = await QueueTests.ReceiveAsync(all, 2);
        Assert.Equal(["e-1", "e-2"], fromAll.Select(m => m.MessageId));

        ServiceBusReceivedMessage? breach = await breaches.ReceiveMessageAsync(ReceiveWait);
        Assert.NotNull(breach);
        Assert.Equal("e-1", breach.MessageId);
        Assert.Equal(fromAll[0].SequenceNumber, breach.SequenceNumber);
        await breaches.CompleteMessageAsync(breach);
        Assert.Null(await breaches.ReceiveMessageAsync(ShortWait));
        Assert.Null(await other.ReceiveMessageAsync(ShortWait));

        foreach (ServiceBusReceivedMessage message in fromAll)
        {
            await all.CompleteMessageAsync(message);
        }
    }

    [Fact]
    public async Task CorrelationFilter_MatchesCorrelationIdContentTypeAndApplicationProperties()
    {
        await using ServiceBusSender sender = _fixture.Client.CreateSender("correlation");
        var match = new ServiceBusMessage("match") { CorrelationId = "c-1", ContentType = "application/json" };
        match.ApplicationProperties["tenant"] = "acme";
        var wrongTenant = new ServiceBusMessage("wrong tenant") { CorrelationId = "c-1", ContentType = "application/json" };
        wrongTenant.ApplicationProperties["tenant"] = "other";
        var noProperty = new ServiceBusMessage("no property") { CorrelationId = "c-1", ContentType = "application/json" };
        await sender.SendMessagesAsync([wrongTenant, noProperty, match]);

        await using ServiceBusReceiver receiver = _fixture.Client.CreateReceiver("correlation", "by-properties");
        ServiceBusReceivedMessage? received = await receiver.ReceiveMessageAsync(ReceiveWait);
        Assert.NotNull(received);
        Assert.Equal("match", received.Body.ToString());
        await receiver.CompleteMessageAsync(received);
        Assert.Null(await receiver.ReceiveMessageAsync(ShortWait));
    }

    [Fact]
    public async Task SubscriptionDeadLetterQueue_HoldsDeadLetteredMessages()
    {
        await using ServiceBusSender sender = _fixture.Client.CreateSender("topic-dead-letter");
        await sender.SendMessageAsync(new ServiceBusMessage("bad event") { MessageId = "bad-1" });
        await using ServiceBusReceiver receiver = _fixture.Client.CreateReceiver("topic-dead-letter", "sub");
        ServiceBusReceivedMessage? received = await receiver.ReceiveMessageAsync(ReceiveWait);
        Assert.NotNull(received);
        await receiver.DeadLetterMessageAsync(received, "Poison", "handler threw");

        Assert.Equal(1, _fixture.Emulator.GetDeadLetterCount("topic-dead-letter/Subscriptions/sub"));
        await using ServiceBusReceiver dlq = _fixture.Client.CreateReceiver("topic-dead-letter", "sub", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        ServiceBusReceivedMessage? dead = await dlq.ReceiveMessageAsync(ReceiveWait);
        Assert.NotNull(dead);
        Assert.Equal("bad-1", dead.MessageId);
        Assert.Equal("Poison", dead.DeadLetterReason);
        Assert.Equal("handler threw", dead.DeadLetterErrorDescription);
        await dlq.CompleteMessageAsync(dead);
    }
}
