using Microsoft.Extensions.Options;
using MLGov.Platform.Chain.Signing;
using MLGov.Platform.Chain.Transactions;

namespace MLGov.Platform.Health;

/// <summary>
/// The app's chain writes as its transaction sender last saw them: the age of the oldest unsettled
/// intent (the figure to alert on) and how many are unsettled; degraded when that age passes
/// <see cref="ChainIntentOptions.DegradedAfter"/> or rounds keep failing. Never a call of its own.
/// </summary>
public sealed class ChainIntentsDependencyCheck : IDependencyCheck
{
    private readonly ChainIntentStatus _status;
    private readonly ChainIntentOptions _options;
    private readonly IChainSigner _signer;
    private readonly TimeProvider _time;

    public ChainIntentsDependencyCheck(ChainIntentStatus status, IOptions<ChainIntentOptions> options, IChainSigner signer, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _status = status;
        _options = options.Value;
        _signer = signer;
        _time = time;
    }

    public string Name => "chain-intents";

    public Task<DependencyStatus> CheckAsync(CancellationToken cancellationToken)
    {
        var oldestAge = _status.OldestPendingSince is { } oldest ? _time.GetUtcNow() - oldest : TimeSpan.Zero;
        var details = new Dictionary<string, object>
        {
            ["account"] = _signer.Address,
            ["pending"] = _status.Pending,
            ["oldestPendingSeconds"] = Math.Round(Math.Max(0, oldestAge.TotalSeconds), 1),
        };
        string? error = _status.ConsecutiveFailures >= 3
            ? $"The last {_status.ConsecutiveFailures} rounds failed: {_status.LastError}"
            : oldestAge > _options.DegradedAfter ? $"The oldest unsettled intent was requested {oldestAge.TotalSeconds:0} s ago." : null;
        return Task.FromResult(new DependencyStatus(true, 0, error, details) { Degraded = error is not null });
    }
}
