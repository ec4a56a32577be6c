namespace MLGov.Platform.Messaging;

/// <summary>
/// A queue, or a topic subscription, by its path: <c>queue</c> or <c>topic/Subscriptions/name</c>
/// (a trailing <c>/$DeadLetterQueue</c> is accepted and ignored).
/// </summary>
public sealed record ServiceBusEntity(string QueueOrTopic, string? Subscription)
{
    private const string SubscriptionsSegment = "Subscriptions";
    private const string DeadLetterSegment = "$DeadLetterQueue";

    /// <summary>Where a message for this entity is sent: the queue, or the subscription's topic.</summary>
    public string SendTarget => QueueOrTopic;

    public string Path => Subscription is null ? QueueOrTopic : $"{QueueOrTopic}/{SubscriptionsSegment}/{Subscription}";

    public static ServiceBusEntity ForSubscription(string topic, string subscription) => new(topic, subscription);

    public static ServiceBusEntity Parse(string path)
    {
        if (!TryParse(path, out var entity))
        {
            throw new FormatException($"'{path}' is not an entity path; use queue or topic/Subscriptions/name.");
        }

        return entity;
    }

    public static bool TryParse(string? path, out ServiceBusEntity entity)
    {
        entity = null!;
        if (string.IsNullOrWhiteSpace(path))
        {
            return false;
        }

        var segments = path.Trim().Trim('/').Split('/');
        if (segments[^1].Equals(DeadLetterSegment, StringComparison.OrdinalIgnoreCase))
        {
            segments = segments[..^1];
        }

        if (segments.Length == 1 && IsName(segments[0]))
        {
            entity = new ServiceBusEntity(segments[0], null);
            return true;
        }

        if (segments.Length == 3 && IsName(segments[0]) && segments[1].Equals(SubscriptionsSegment, StringComparison.OrdinalIgnoreCase) && IsName(segments[2]))
        {
            entity = new ServiceBusEntity(segments[0], segments[2]);
            return true;
        }

        return false;
    }

    public override string ToString() => Path;

    private static bool IsName(string segment) =>
        segment.Length is > 0 and <= 260 && !segment.StartsWith('$') && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
