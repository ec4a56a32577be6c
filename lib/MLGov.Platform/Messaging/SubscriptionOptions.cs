using System.ComponentModel.DataAnnotations;

namespace MLGov.Platform.Messaging;

/// <summary>
/// How one subscription's processor runs, under <c>Messaging:Subscriptions:{key}</c> where the key is
/// the topic and subscription joined by '_' with every other character outside A-Z a-z 0-9 made '_'
/// (app setting names on Linux allow only letters, digits, '_' and '.'): for example
/// <c>Messaging__Subscriptions__risk_events_finance_payouts__MaxConcurrentCalls</c>. Unset values
/// fall back to <see cref="MessagingOptions"/>.
/// </summary>
public sealed class SubscriptionOptions
{
    /// <summary>Messages handled at once.</summary>
    [Range(1, 256)]
    public int? MaxConcurrentCalls { get; set; }

    /// <summary>Messages the client fetches ahead of the handlers (0: one at a time as handlers ask).</summary>
    [Range(0, 5000)]
    public int? PrefetchCount { get; set; }

    /// <summary>How long the processor keeps renewing a message's lock while its handler runs or waits out an outage.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan? MaxAutoLockRenewalDuration { get; set; }

    /// <summary>The configuration key of a subscription: topic and name, joined by '_', other characters made '_'.</summary>
    public static string KeyOf(ServiceBusEntity subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var raw = subscription.QueueOrTopic + "_" + subscription.Subscription;
        return string.Concat(raw.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'));
    }
}
