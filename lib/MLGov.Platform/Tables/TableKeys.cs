using MLGov.Core.Errors;

namespace MLGov.Platform.Tables;

/// <summary>
/// The Table service's rule for PartitionKey and RowKey values, checked before anything is sent: no
/// '/', '\', '#' or '?', no control characters (U+0000–U+001F, U+007F–U+009F), at most 1 KiB. The
/// service answers a bad key with a bare 400 (or, in a URL, a different row), which would surface as a
/// 500 to a caller and as ten retries in a consumer; a <see cref="ValidationException"/> is a 400
/// problem over HTTP and a permanent failure (dead-lettered at once) in a consumer.
/// Apps check their ids at the edge with Core's identifier rules (<c>ResourceId</c>, <c>EventIds</c>),
/// which allow none of these characters; this is the backstop every store and batch applies.
/// </summary>
public static class TableKeys
{
    /// <summary>
    /// The longest key in characters. The service allows 1 KiB per key, and counts a key's size as two
    /// bytes per UTF-16 character (as in its entity-size formula), so 512 characters.
    /// </summary>
    public const int MaxLength = 512;

    public static bool IsValid(string? key) => key is not null && key.Length <= MaxLength && !key.Any(IsForbidden);

    /// <summary>What is wrong with the key, or null when it is valid.</summary>
    public static string? Problem(string member, string? key) => key switch
    {
        null => $"{member} is missing.",
        { Length: > MaxLength } => $"{member} is {key.Length} characters; a table key holds at most {MaxLength}.",
        _ when key.Any(IsForbidden) => $"{member} must not contain '/', '\\', '#', '?' or control characters.",
        _ => null,
    };

    /// <summary>Throws a validation error naming <paramref name="member"/> when the key is not valid.</summary>
    public static void Require(string member, string? key)
    {
        if (Problem(member, key) is { } problem)
        {
            throw ValidationException.For(member, problem);
        }
    }

    internal static void RequireKeys(string partitionKey, string rowKey)
    {
        Require("partitionKey", partitionKey);
        Require("rowKey", rowKey);
    }

    private static bool IsForbidden(char c) => c is '/' or '\\' or '#' or '?' || char.IsControl(c);
}
