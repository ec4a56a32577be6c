using Azure.Messaging.ServiceBus;
using Xunit;

namespace MLGov.ServiceBusEmulator.Tests;

public sealed class LockTests : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan ReceiveWait = TimeSpan.FromSeconds(10);
    private readonly EmulatorFixture _fixture;

    public LockTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task RenewLock_KeepsASlowMessageFromRedelivery()
    {
        await using ServiceBusSender sender = _fixture.Client.CreateSender("renew-lock");
        await sender.SendMessageAsync(new ServiceBusMessage("slow"));
        await using ServiceBusReceiver receiver = _fixture.Client.CreateReceiver("renew-lock");
        await using ServiceBusReceiver rival = _fixture.Client.CreateReceiver("renew-lock");

        ServiceBusReceivedMessage? received = await receiver.ReceiveMessageAsync(ReceiveWait);
        Assert.NotNull(received);
        DateTimeOffset firstLock = received.LockedUntil;

        // Hold the message for more than twice the 2 s lock, renewing well before each expiry.
        DateTime holdUntil = DateTime.UtcNow + TestTopology.ShortLock * 2.5;
        while (DateTime.UtcNow < holdUntil)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await receiver.RenewMessageLockAsync(received);
        }

        Assert.True(received.LockedUntil > firstLock);
        Assert.Null(await rival.ReceiveMessageAsync(TimeSpan.FromMilliseconds(500)));
        await receiver.CompleteMessageAsync(received);
        Assert.Equal(0, _fixture.Emulator.GetEntity("renew-lock")!.TotalMessageCount);
    }

    [Fact]
    public async Task ExpiredLock_MakesTheMessageRedeliverable_AndTheStaleLockIsLost()
    {
        await using ServiceBusSender sender = _fixture.Client.CreateSender("lock-expiry");
        await sender.SendMessageAsync(new ServiceBusMessage("forgotten") { MessageId = "expiry-1" });
        await using ServiceBusReceiver receiver = _fixture.Client.CreateReceiver("lock-expiry");

        ServiceBusReceivedMessage? first = await receiver.ReceiveMessageAsync(ReceiveWait);
        Assert.NotNull(first);

        // Lock is 2 s; waiting for it with a generous bound.
        ServiceBusReceivedMessage? second = await receiver.ReceiveMessageAsync(ReceiveWait);
        Assert.NotNull(second);
        Assert.Equal("expiry-1", second.MessageId);
        Assert.Equal(2, second.DeliveryCount);
        Assert.True(DateTimeOffset.UtcNow >= first.LockedUntil.AddMilliseconds(-200));

        ServiceBusException error = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.CompleteMessageAsync(first));
        Assert.Equal(ServiceBusFailureReason.MessageLockLost, error.Reason);
        await receiver.CompleteMessageAsync(second);
    }
}
