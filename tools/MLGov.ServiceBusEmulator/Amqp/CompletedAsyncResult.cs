namespace MLGov.ServiceBusEmulator.Amqp;

/// <summary>An <see cref="IAsyncResult"/> for link-open work the broker finishes synchronously.</summary>
internal sealed class CompletedAsyncResult : IAsyncResult
{
    public CompletedAsyncResult(object? state)
    {
        AsyncState = state;
    }

    public object? AsyncState { get; }

    public WaitHandle AsyncWaitHandle => throw new NotSupportedException();

    public bool CompletedSynchronously => true;

    public bool IsCompleted => true;
}
