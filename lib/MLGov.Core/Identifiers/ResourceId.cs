using System.Text.RegularExpressions;

namespace MLGov.Core.Identifiers;

/// <summary>
/// Ids that clients choose for the things they create (incidents, SLAs, proposals, assets): 1-64
/// characters of A-Z a-z 0-9 . _ -, starting with a letter or digit. They are safe as Table
/// partition and row keys, in URL paths and in Service Bus subjects without escaping.
/// </summary>
public static partial class ResourceId
{
    public const int MaxLength = 64;

    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    /// <summary>What a valid id looks like, worded for the member that holds it.</summary>
    public static string Problem(string member) =>
        $"{member} must be 1-{MaxLength} characters of A-Z a-z 0-9 . _ -, starting with a letter or digit.";

    /// <summary>Throws a validation error naming <paramref name="member"/> when the id is not valid.</summary>
    public static void Require(string member, string? value)
    {
        if (!IsValid(value))
        {
            throw Errors.ValidationException.For(member, Problem(member));
        }
    }

    // \z, not $: $ also matches before a final newline, which would let "id\n" into a table key.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
