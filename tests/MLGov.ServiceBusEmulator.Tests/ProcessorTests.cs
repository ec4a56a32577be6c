using Azure.Messaging.ServiceBus;
using Xunit;

namespace MLGov.ServiceBusEmulator.Tests;

public sealed class ProcessorTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public ProcessorTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Processor_WithManualSettlement_HandlesEveryMessageOnce()
    {
        const int count = 20;
        await using ServiceBusSender sender = _fixture.Client.CreateSender("processor");
        await sender.SendMessagesAsync(Enumerable.Range(0, count).Select(i => new ServiceBusMessage($"job-{i}") { MessageId = $"job-{i}" }));

        var completed = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var abandonedOnce = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        await using ServiceBusProcessor processor = _fixture.Client.CreateProcessor("processor", new ServiceBusProcessorOptions
        {
            AutoCompleteMessages = false,
            MaxConcurrentCalls = 4,
            PrefetchCount = 5,
        });
        processor.ProcessMessageAsync += async args =>
        {
            string id = args.Message.MessageId;
            if (id == "job-3" && abandonedOnce.TryAdd(id, true))
            {
                await args.AbandonMessageAsync(args.Message);
                return;
            }

            await args.CompleteMessageAsync(args.Message);
            completed.AddOrUpdate(id, 1, (_, n) => n + 1);
            if (completed.Count == count)
            {
                done.TrySetResult();
            }
        };
        processor.ProcessErrorAsync += args =>
        {
            errors.Enqueue(args.Exception);
            return Task.CompletedTask;
        };

        await processor.StartProcessingAsync();
        Task finished = await Task.WhenAny(done.Task, Task.Delay(TimeSpan.FromSeconds(30)));
        await processor.StopProcessingAsync();

        Assert.Same(done.Task, finished);
        Assert.Empty(errors);
        Assert.All(completed.Values, n => Assert.Equal(1, n));
        Assert.Equal(count, completed.Count);
        Assert.Equal(0, _fixture.Emulator.GetEntity("processor")!.TotalMessageCount);
    }
}
