using System.Diagnostics;
using System.Globalization;
using Azure.Messaging.ServiceBus;
using MLGov.ServiceBusEmulator;
using MLGov.ServiceBusEmulator.Topology;

namespace MLGov.Bench.ServiceBus;

/// <summary>
/// Sends and receives through the emulator in the ways the apps do (single sends, batches, peek-lock with
/// complete, a processor) and prints messages per second for each. Each scenario is bounded in count.
/// </summary>
internal static class ThroughputBenchmark
{
    private const int BodySize = 512;
    private static readonly string[] QueueNames = ["single", "batched", "peek-lock", "receive-delete", "processor"];

    public static async Task RunAsync(int messages, TextWriter output)
    {
        var topology = new ServiceBusTopology
        {
            Queues = [.. QueueNames.Select(name => new QueueDefinition { Name = name })],
            Topics =
            [
                new TopicDefinition
                {
                    Name = "fan-out",
                    Subscriptions = [new SubscriptionDefinition { Name = "a" }, new SubscriptionDefinition { Name = "b" }],
                },
            ],
        };

        await using EmulatorServer emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Port = 0, Topology = topology });
        await using var client = new ServiceBusClient(emulator.ConnectionString);

        // A short unreported round first, so JIT and connection set-up do not land in the first figures.
        await RunScenariosAsync(client, Math.Max(100, messages / 20), TextWriter.Null);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Service Bus emulator throughput, {Environment.ProcessorCount} cores, {BodySize} B bodies, SDK and emulator in one process over loopback AMQP"));
        output.WriteLine($"{"scenario",-52} {"messages",9} {"seconds",8} {"msg/s",9}");
        await RunScenariosAsync(client, messages, output);
    }

    private static async Task RunScenariosAsync(ServiceBusClient client, int messages, TextWriter output)
    {
        byte[] body = new byte[BodySize];
        Random.Shared.NextBytes(body);
        int singles = Math.Max(1, messages / 10);

        await using ServiceBusSender single = client.CreateSender("single");
        await single.SendMessageAsync(new ServiceBusMessage(body)); // warm up the link
        Report(output, "send, one message per call (awaited)", singles, await TimeAsync(async () =>
        {
            for (int i = 0; i < singles; i++)
            {
                await single.SendMessageAsync(new ServiceBusMessage(body));
            }
        }));

        Report(output, "send, 8 concurrent callers", singles, await TimeAsync(() =>
            Task.WhenAll(Enumerable.Range(0, 8).Select(async worker =>
            {
                for (int i = worker; i < singles; i += 8)
                {
                    await single.SendMessageAsync(new ServiceBusMessage(body));
                }
            }))));

        await using ServiceBusSender batched = client.CreateSender("batched");
        Report(output, "send, batches of 100 (ServiceBusMessageBatch)", messages, await TimeAsync(() => SendBatchesAsync(batched, body, messages)));

        await using ServiceBusReceiver deleting = client.CreateReceiver("batched", new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete, PrefetchCount = 500 });
        Report(output, "receive-and-delete, prefetch 500, batches of 100", messages, await TimeAsync(() => DrainAsync(deleting, messages, complete: false)));

        await using ServiceBusSender peekLockSender = client.CreateSender("peek-lock");
        await SendBatchesAsync(peekLockSender, body, messages);
        await using ServiceBusReceiver locking = client.CreateReceiver("peek-lock", new ServiceBusReceiverOptions { PrefetchCount = 500 });
        Report(output, "peek-lock + complete each, prefetch 500", messages, await TimeAsync(() => DrainAsync(locking, messages, complete: true)));

        await using ServiceBusSender processorSender = client.CreateSender("processor");
        await SendBatchesAsync(processorSender, body, messages);
        Report(output, "processor, 16 concurrent calls, auto-complete", messages, await TimeAsync(() => ProcessAsync(client, messages)));

        await using ServiceBusSender topicSender = client.CreateSender("fan-out");
        Report(output, "topic send, batches of 100, 2 subscriptions", messages, await TimeAsync(() => SendBatchesAsync(topicSender, body, messages)));
        await using ServiceBusReceiver subscription = client.CreateReceiver("fan-out", "a", new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete, PrefetchCount = 500 });
        Report(output, "subscription receive-and-delete, prefetch 500", messages, await TimeAsync(() => DrainAsync(subscription, messages, complete: false)));
    }

    private static async Task SendBatchesAsync(ServiceBusSender sender, byte[] body, int count)
    {
        int sent = 0;
        while (sent < count)
        {
            using ServiceBusMessageBatch batch = await sender.CreateMessageBatchAsync();
            while (sent < count && batch.Count < 100 && batch.TryAddMessage(new ServiceBusMessage(body)))
            {
                sent++;
            }

            await sender.SendMessagesAsync(batch);
        }
    }

    private static async Task DrainAsync(ServiceBusReceiver receiver, int count, bool complete)
    {
        int received = 0;
        while (received < count)
        {
            IReadOnlyList<ServiceBusReceivedMessage> page = await receiver.ReceiveMessagesAsync(100, TimeSpan.FromSeconds(5));
            if (page.Count == 0)
            {
                throw new InvalidOperationException($"Only {received} of {count} messages arrived.");
            }

            if (complete)
            {
                await Task.WhenAll(page.Select(m => receiver.CompleteMessageAsync(m)));
            }

            received += page.Count;
        }
    }

    private static async Task ProcessAsync(ServiceBusClient client, int count)
    {
        int processed = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using ServiceBusProcessor processor = client.CreateProcessor("processor", new ServiceBusProcessorOptions { MaxConcurrentCalls = 16, PrefetchCount = 200 });
        processor.ProcessMessageAsync += _ =>
        {
            if (Interlocked.Increment(ref processed) == count)
            {
                done.TrySetResult();
            }

            return Task.CompletedTask;
        };
        processor.ProcessErrorAsync += args =>
        {
            done.TrySetException(args.Exception);
            return Task.CompletedTask;
        };
        await processor.StartProcessingAsync();
        if (await Task.WhenAny(done.Task, Task.Delay(TimeSpan.FromMinutes(2))) != done.Task)
        {
            throw new TimeoutException($"Processed {processed} of {count} messages in 2 minutes.");
        }

        await processor.StopProcessingAsync();
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        long start = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(start);
    }

    private static void Report(TextWriter output, string scenario, int count, TimeSpan elapsed) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{scenario,-52} {count,9} {elapsed.TotalSeconds,8:F2} {count / elapsed.TotalSeconds,9:F0}"));
}
