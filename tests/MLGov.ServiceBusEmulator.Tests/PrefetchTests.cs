using System.Collections.Concurrent;
using Azure.Messaging.ServiceBus;
using Xunit;

namespace MLGov.ServiceBusEmulator.Tests;

/// <summary>
/// Receivers that prefetch get every message, not just the first link credit's worth: the SDK replenishes credit
/// as messages are settled (peek-lock) or handed out (receive-and-delete), and the emulator must honour each flow.
/// Messages are sent in one batch, so they are all waiting before the receiver attaches.
/// </summary>
public sealed class PrefetchTests : IClassFixture<EmulatorFixture>
{
    public const string SubscriptionName = "sub";
    public const string ProcessorQueue = "prefetch-processor";
    public const string HeldQueue = "prefetch-held";
    public const string HeldTopic = "prefetch-held-topic";
    public const string NeglectQueue = "prefetch-neglect";
    public const string ThroughputQueue = "prefetch-throughput";

    /// <summary>A bound on waiting for all messages, never a measure: tests finish in a second or two.</summary>
    private static readonly TimeSpan AllMessagesBound = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan BatchWait = TimeSpan.FromSeconds(1);
    private readonly EmulatorFixture _fixture;

    public PrefetchTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
    }

    public static IReadOnlyList<(int PrefetchCount, ServiceBusReceiveMode Mode)> Cases { get; } =
    [
        .. from prefetch in new[] { 0, 1, 50, 500 }
           from mode in new[] { ServiceBusReceiveMode.PeekLock, ServiceBusReceiveMode.ReceiveAndDelete }
           select (prefetch, mode),
    ];

    public static TheoryData<int, ServiceBusReceiveMode> CaseData
    {
        get
        {
            var data = new TheoryData<int, ServiceBusReceiveMode>();
            foreach ((int prefetchCount, ServiceBusReceiveMode mode) in Cases)
            {
                data.Add(prefetchCount, mode);
            }

            return data;
        }
    }

    /// <summary>Queue and topic of one case (a topic per case, so cases never see each other's messages).</summary>
    public static string EntityName((int PrefetchCount, ServiceBusReceiveMode Mode) testCase, bool topic = false) =>
        $"prefetch-{(topic ? "topic" : "queue")}-{(testCase.Mode == ServiceBusReceiveMode.PeekLock ? "peeklock" : "delete")}-{testCase.PrefetchCount}";

    [Theory]
    [MemberData(nameof(CaseData))]
    public async Task Receiver_WithPrefetch_GetsEveryMessageOfABatch_FromAQueue(int prefetchCount, ServiceBusReceiveMode mode)
    {
        string queue = EntityName((prefetchCount, mode));
        await using ServiceBusSender sender = _fixture.Client.CreateSender(queue);
        await using ServiceBusReceiver receiver = _fixture.Client.CreateReceiver(queue, new ServiceBusReceiverOptions { PrefetchCount = prefetchCount, ReceiveMode = mode });

        await AssertEveryMessageArrivesOnceAsync(sender, receiver, queue, MessageCountFor(prefetchCount));
    }

    [Theory]
    [MemberData(nameof(CaseData))]
    public async Task Receiver_WithPrefetch_GetsEveryMessageOfABatch_FromASubscription(int prefetchCount, ServiceBusReceiveMode mode)
    {
        string topic = EntityName((prefetchCount, mode), topic: true);
        await using ServiceBusSender sender = _fixture.Client.CreateSender(topic);
        await using ServiceBusReceiver receiver = _fixture.Client.CreateReceiver(topic, SubscriptionName, new ServiceBusReceiverOptions { PrefetchCount = prefetchCount, ReceiveMode = mode });

        await AssertEveryMessageArrivesOnceAsync(sender, receiver, $"{topic}/Subscriptions/{SubscriptionName}", MessageCountFor(prefetchCount));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Receiver_WithPrefetch_GetsMoreOnceLocksOfUnsettledMessagesExpire(bool fromSubscription)
    {
        // The client gives credit back only when a delivery is settled. Azure settles a delivery on the link
        // when its lock expires, so a receiver that leaves a full prefetch buffer unsettled goes on receiving
        // after the lock duration (azure-sdk-for-net#49018); the emulator must do the same.
        const int prefetchCount = 20;
        const int count = 40;
        string sendTo = fromSubscription ? HeldTopic : HeldQueue;
        await using ServiceBusSender sender = _fixture.Client.CreateSender(sendTo);
        await SendOneBatchAsync(sender, "held", count);
        var options = new ServiceBusReceiverOptions { PrefetchCount = prefetchCount };
        await using ServiceBusReceiver receiver = fromSubscription
            ? _fixture.Client.CreateReceiver(HeldTopic, SubscriptionName, options)
            : _fixture.Client.CreateReceiver(HeldQueue, options);

        List<ServiceBusReceivedMessage> neglected = [.. await ReceiveAtLeastAsync(receiver, prefetchCount)];
        Assert.Equal(Ids("held", prefetchCount), neglected.Select(m => m.MessageId));

        // Everything from here on is completed: the neglected twenty come back (their locks expired), then the rest.
        var completed = new Dictionary<string, int>(StringComparer.Ordinal);
        DateTime deadline = DateTime.UtcNow + AllMessagesBound;
        while (completed.Count < count && DateTime.UtcNow < deadline)
        {
            foreach (ServiceBusReceivedMessage message in await receiver.ReceiveMessagesAsync(prefetchCount, BatchWait))
            {
                await receiver.CompleteMessageAsync(message);
                completed[message.MessageId] = message.DeliveryCount;
            }
        }

        Assert.Equal(Ids("held", count), completed.Keys.Order(StringComparer.Ordinal));
        Assert.All(neglected, m => Assert.Equal(2, completed[m.MessageId]));
        ServiceBusException stale = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.CompleteMessageAsync(neglected[0]));
        Assert.Equal(ServiceBusFailureReason.MessageLockLost, stale.Reason);
        Assert.Equal(0, _fixture.Emulator.GetEntity(fromSubscription ? $"{HeldTopic}/Subscriptions/{SubscriptionName}" : HeldQueue)!.TotalMessageCount);
    }

    [Fact]
    public async Task Processor_WithPrefetch_RecoversFromHandlersThatLeaveMessagesUnsettled()
    {
        // A handler that returns without settling keeps its message's delivery open until the lock expires;
        // with as many such messages as the prefetch count, the processor only goes on because expiry settles them.
        const int prefetchCount = 10;
        const int count = 30;
        await using ServiceBusSender sender = _fixture.Client.CreateSender(NeglectQueue);
        await SendOneBatchAsync(sender, "neglect", count);

        var completed = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var neglected = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var errors = new ConcurrentQueue<Exception>();
        var allCompleted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using ServiceBusProcessor processor = _fixture.Client.CreateProcessor(NeglectQueue, new ServiceBusProcessorOptions
        {
            PrefetchCount = prefetchCount,
            MaxConcurrentCalls = 4,
            AutoCompleteMessages = false,
            MaxAutoLockRenewalDuration = TimeSpan.Zero,
        });
        processor.ProcessMessageAsync += async args =>
        {
            // The first delivery of the first prefetch-count messages is left unsettled, as by a handler that forgot to complete.
            if (args.Message.DeliveryCount == 1 && string.CompareOrdinal(args.Message.MessageId, Ids("neglect", prefetchCount).Last()) <= 0)
            {
                neglected.TryAdd(args.Message.MessageId, true);
                return;
            }

            await args.CompleteMessageAsync(args.Message);
            completed[args.Message.MessageId] = args.Message.DeliveryCount;
            if (completed.Count == count)
            {
                allCompleted.TrySetResult();
            }
        };
        processor.ProcessErrorAsync += args =>
        {
            errors.Enqueue(args.Exception);
            return Task.CompletedTask;
        };

        await processor.StartProcessingAsync();
        await Task.WhenAny(allCompleted.Task, Task.Delay(AllMessagesBound));
        await processor.StopProcessingAsync();

        Assert.Empty(errors);
        Assert.Equal(Ids("neglect", prefetchCount), neglected.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Ids("neglect", count), completed.Keys.Order(StringComparer.Ordinal));
        Assert.All(neglected.Keys, id => Assert.Equal(2, completed[id]));
        Assert.Equal(0, _fixture.Emulator.GetEntity(NeglectQueue)!.TotalMessageCount);
    }

    [Fact]
    public async Task Processor_WithPrefetch_CompletesEveryMessage()
    {
        const int count = 200;
        await using ServiceBusSender sender = _fixture.Client.CreateSender(ProcessorQueue);
        await SendOneBatchAsync(sender, "proc", count);

        var handled = new ConcurrentDictionary<string, int>();
        var errors = new ConcurrentQueue<Exception>();
        var allHandled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using ServiceBusProcessor processor = _fixture.Client.CreateProcessor(ProcessorQueue, new ServiceBusProcessorOptions
        {
            PrefetchCount = 20,
            MaxConcurrentCalls = 4,
            AutoCompleteMessages = false,
        });
        processor.ProcessMessageAsync += async args =>
        {
            await args.CompleteMessageAsync(args.Message);
            handled.AddOrUpdate(args.Message.MessageId, 1, (_, n) => n + 1);
            if (handled.Count == count)
            {
                allHandled.TrySetResult();
            }
        };
        processor.ProcessErrorAsync += args =>
        {
            errors.Enqueue(args.Exception);
            return Task.CompletedTask;
        };

        await processor.StartProcessingAsync();
        await Task.WhenAny(allHandled.Task, Task.Delay(AllMessagesBound));
        await processor.StopProcessingAsync();

        Assert.Empty(errors);
        Assert.Equal(Ids("proc", count), handled.Keys.Order(StringComparer.Ordinal));
        Assert.All(handled.Values, n => Assert.Equal(1, n));
        Assert.Equal(0, _fixture.Emulator.GetEntity(ProcessorQueue)!.TotalMessageCount);
    }

    [Fact]
    public async Task PeekLockReceiver_WithLargePrefetch_WorksThroughThousandsOfMessages()
    {
        // A sanity check on volume rather than speed: thousands of peek-locked messages, each completed on the
        // link, keep flowing until the queue is empty (the bound only stops a stalled run).
        const int count = 3000;
        await using ServiceBusSender sender = _fixture.Client.CreateSender(ThroughputQueue);
        int sent = 0;
        while (sent < count)
        {
            using ServiceBusMessageBatch batch = await sender.CreateMessageBatchAsync();
            while (sent < count && batch.TryAddMessage(new ServiceBusMessage($"bulk-{sent}") { MessageId = $"bulk-{sent:D5}" }))
            {
                sent++;
            }

            await sender.SendMessagesAsync(batch);
        }

        await using ServiceBusReceiver receiver = _fixture.Client.CreateReceiver(ThroughputQueue, new ServiceBusReceiverOptions { PrefetchCount = 500 });
        var ids = new HashSet<string>(StringComparer.Ordinal);
        DateTime deadline = DateTime.UtcNow + AllMessagesBound;
        while (ids.Count < count && DateTime.UtcNow < deadline)
        {
            IReadOnlyList<ServiceBusReceivedMessage> batch = await receiver.ReceiveMessagesAsync(250, BatchWait);
            await Task.WhenAll(batch.Select(m => receiver.CompleteMessageAsync(m)));
            foreach (ServiceBusReceivedMessage message in batch)
            {
                Assert.True(ids.Add(message.MessageId), $"{message.MessageId} arrived twice");
            }
        }

        Assert.Equal(count, ids.Count);
        Assert.Equal(0, _fixture.Emulator.GetEntity(ThroughputQueue)!.TotalMessageCount);
    }

    private static async Task<IReadOnlyList<ServiceBusReceivedMessage>> ReceiveAtLeastAsync(ServiceBusReceiver receiver, int count)
    {
        var received = new List<ServiceBusReceivedMessage>();
        DateTime deadline = DateTime.UtcNow + AllMessagesBound;
        while (received.Count < count && DateTime.UtcNow < deadline)
        {
            received.AddRange(await receiver.ReceiveMessagesAsync(count - received.Count, BatchWait));
        }

        return received;
    }

    /// <summary>More messages than the prefetch buffer holds, so the receiver must be given more than once.</summary>
    private static int MessageCountFor(int prefetchCount) => prefetchCount >= 100 ? prefetchCount + 100 : 100;

    private async Task AssertEveryMessageArrivesOnceAsync(ServiceBusSender sender, ServiceBusReceiver receiver, string entityPath, int count)
    {
        await SendOneBatchAsync(sender, "m", count);

        var ids = new List<string>(count);
        DateTime deadline = DateTime.UtcNow + AllMessagesBound;
        while (ids.Count < count && DateTime.UtcNow < deadline)
        {
            IReadOnlyList<ServiceBusReceivedMessage> batch = await receiver.ReceiveMessagesAsync(25, BatchWait);
            if (receiver.ReceiveMode == ServiceBusReceiveMode.PeekLock)
            {
                await Task.WhenAll(batch.Select(m => receiver.CompleteMessageAsync(m)));
            }

            ids.AddRange(batch.Select(m => m.MessageId));
        }

        Assert.Equal(Ids("m", count), ids.Order(StringComparer.Ordinal));
        Assert.Equal(0, _fixture.Emulator.GetEntity(entityPath)!.TotalMessageCount);
    }

    private static async Task SendOneBatchAsync(ServiceBusSender sender, string prefix, int count)
    {
        using ServiceBusMessageBatch batch = await sender.CreateMessageBatchAsync();
        foreach (string id in Ids(prefix, count))
        {
            Assert.True(batch.TryAddMessage(new ServiceBusMessage(id) { MessageId = id }), "the test batch must fit one send");
        }

        await sender.SendMessagesAsync(batch);
    }

    /// <summary>Ids that sort in sending order.</summary>
    private static IEnumerable<string> Ids(string prefix, int count) => Enumerable.Range(0, count).Select(i => $"{prefix}-{i:D4}");
}
