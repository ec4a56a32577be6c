using Azure.Messaging.ServiceBus;
using Xunit;

namespace MLGov.ServiceBusEmulator.Tests;

public sealed class QueueTests : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);
    private readonly EmulatorFixture _fixture;

    public QueueTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task SendAndReceive_OnQueue_DeliversTheMessage()
    {
        await using ServiceBusSender sender = _fixture.Client.CreateSender("send-receive");
        await sender.SendMessageAsync(new ServiceBusMessage("hello") { MessageId = "m-1" });

        await using ServiceBusReceiver receiver = _fixture.Client.CreateReceiver("send-receive");
        ServiceBusReceivedMessage? received = await receiver.ReceiveMessageAsync(s_wait);

        Assert.NotNull(received);
        Assert.Equal("hello", received.Body.ToString());
        Assert.Equal("m-1", received.MessageId);
        Assert.Equal(1, received.DeliveryCount);
        Assert.True(received.SequenceNumber > 0);
        Assert.True(received.LockedUntil > DateTimeOffset.UtcNow);
        Assert.NotEqual(Guid.Empty.ToString(), received.LockToken);
        await receiver.CompleteMessageAsync(received);
    }
}
