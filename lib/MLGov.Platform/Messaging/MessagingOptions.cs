using System.ComponentModel.DataAnnotations;

namespace MLGov.Platform.Messaging;

/// <summary>How the app's outbox dispatcher and event consumers behave.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>How often the dispatcher looks for unsent outbox rows when no commit nudged it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>At most this many outbox rows are read per table and poll.</summary>
    [Range(1, 1000)]
    public int OutboxBatchSize { get; set; } = 100;

    /// <summary>Messages each subscription's processor handles at once.</summary>
    [Range(1, 64)]
    public int MaxConcurrentCalls { get; set; } = 4;

    /// <summary>The wait before a message that failed transiently is abandoned for redelivery; doubles per delivery.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait before abandoning (keep it well under the subscription's lock duration).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(20);
}
