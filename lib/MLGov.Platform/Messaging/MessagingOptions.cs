using System.ComponentModel.DataAnnotations;

namespace MLGov.Platform.Messaging;

/// <summary>How the app's outbox dispatcher and event consumers behave.</summary>
public sealed class MessagingOptions : IValidatableObject
{
    public const string SectionName = "Messaging";

    /// <summary>How often the dispatcher sweeps the outbox index for commits no local nudge covered.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>At most this many pending commits are read per table and sweep.</summary>
    [Range(1, 1000)]
    public int OutboxBatchSize { get; set; } = 100;

    /// <summary>
    /// How long an outbox index entry whose rows do not exist is kept before it is discarded: its
    /// commit failed without an answer, or is still on its way (the Table service gives up on a
    /// request after 30 seconds, so this must be well above that).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan OutboxCommitGrace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long sent rows stay before they are deleted: at least the topics' duplicate-detection
    /// window (10 minutes in infra/servicebus/topology.json), within which a resend is dropped.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan OutboxRetention { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often sent rows past their retention are deleted.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan OutboxPruneInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>After this many failed attempts a commit's events are logged as an error and health reports them.</summary>
    [Range(1, 1000)]
    public int OutboxStuckAfterAttempts { get; set; } = 5;

    /// <summary>Messages each subscription's processor handles at once, unless its <see cref="Subscriptions"/> entry says otherwise.</summary>
    [Range(1, 256)]
    public int MaxConcurrentCalls { get; set; } = 16;

    /// <summary>Messages each subscription's receiver fetches ahead of its handlers, unless its entry says otherwise.</summary>
    [Range(0, 5000)]
    public int PrefetchCount { get; set; }

    /// <summary>
    /// The wait before a message whose handler failed (not an outage) is abandoned for redelivery;
    /// doubles per delivery, so the subscription's max delivery count bounds the attempts.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait before abandoning (keep it well under the subscription's lock duration).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long a delivery keeps retrying in place (its lock renewed) while a dependency is
    /// unreachable (Tables or Service Bus timeouts, connection failures, 408, 429, 5xx), before it
    /// is abandoned and counts as a delivery. An outage shorter than this costs no delivery at all.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan TransientRetryBudget { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The longest wait between two attempts during an outage (the wait doubles from <see cref="RetryBaseDelay"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan TransientRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Per-subscription settings, by <see cref="SubscriptionOptions.KeyOf"/>.</summary>
    public Dictionary<string, SubscriptionOptions> Subscriptions { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The processor settings of one subscription: its own entry over the defaults above.</summary>
    public (int MaxConcurrentCalls, int PrefetchCount, TimeSpan MaxAutoLockRenewalDuration) For(ServiceBusEntity subscription)
    {
        Subscriptions.TryGetValue(SubscriptionOptions.KeyOf(subscription), out var own);
        return (
            own?.MaxConcurrentCalls ?? MaxConcurrentCalls,
            own?.PrefetchCount ?? PrefetchCount,
            own?.MaxAutoLockRenewalDuration ?? TransientRetryBudget + TimeSpan.FromMinutes(5));
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (key, subscription) in Subscriptions)
        {
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(subscription, new ValidationContext(subscription), results, validateAllProperties: true))
            {
                foreach (var result in results)
                {
                    yield return new ValidationResult($"Messaging:Subscriptions:{key}: {result.ErrorMessage}", result.MemberNames.Select(m => $"Subscriptions:{key}:{m}"));
                }
            }
        }
    }
}
