using Nethereum.JsonRpc.Client;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace MLGov.Platform.Chain;

/// <summary>
/// The "chain-rpc" resilience pipeline: retry with jittered exponential backoff on transport
/// failures only, a timeout per attempt and a circuit breaker. A node's own answer (a revert,
/// "nonce too low") is never retried here: it would come back the same.
/// </summary>
public static class ChainResilience
{
    public const string PipelineName = "chain-rpc";

    public static ResiliencePipeline Create(ChainOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var transport = new PredicateBuilder()
            .Handle<RpcClientUnknownException>()
            .Handle<RpcClientTimeoutException>()
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>();

        var builder = new ResiliencePipelineBuilder { Name = PipelineName };
        if (timeProvider is not null)
        {
            builder.TimeProvider = timeProvider;
        }

        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transport,
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(5),
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = transport,
                FailureRatio = 0.5,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(15),
            })
            .AddTimeout(options.RequestTimeout)
            .Build();
    }
}
