using System.Text.RegularExpressions;

namespace MLGov.Core.Identifiers;

/// <summary>The code of an asset amounts are counted in (USDC, EURC): 2-12 of A-Z 0-9.</summary>
public static partial class AssetCode
{
    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    public static string Problem(string member) => $"{member} must be 2-12 characters of A-Z 0-9, for example USDC.";

    [GeneratedRegex("^[A-Z0-9]{2,12}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
