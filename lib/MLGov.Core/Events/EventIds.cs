using System.Text.RegularExpressions;

namespace MLGov.Core.Events;

/// <summary>
/// Event ids: the CloudEvents id, the Service Bus MessageId (duplicate detection) and the key of outbox
/// and inbox rows, so they are limited to characters that are safe in all three (at most 128).
/// </summary>
public static partial class EventIds
{
    /// <summary>A new id: a version 7 UUID, so ids of one partition sort roughly by time.</summary>
    public static string New(DateTimeOffset time) => Guid.CreateVersion7(time).ToString("D");

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
