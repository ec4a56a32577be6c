using System.Globalization;
using MLGov.Core.Errors;

namespace MLGov.Platform.Tables;

/// <summary>
/// Which page of a list to read: at most <see cref="Limit"/> items, from the start or from where the
/// page that handed out <c>next</c> ended. Built by <see cref="Create"/>, which refuses a bad limit or
/// token with a validation error naming <c>limit</c> or <c>next</c> (a 400 problem, never a 500).
/// </summary>
public sealed record PageRequest
{
    public const int DefaultLimit = 50;

    /// <summary>The largest page: the Table service returns at most 1,000 rows per request.</summary>
    public const int MaxLimit = 1000;

    private PageRequest(int limit, string? continuation)
    {
        Limit = limit;
        Continuation = continuation;
    }

    public int Limit { get; }

    /// <summary>The Table service's continuation (decoded from the caller's token), or null for the first page.</summary>
    internal string? Continuation { get; }

    public static PageRequest First(int limit = DefaultLimit) => Create(limit, null);

    /// <param name="limit">Items per page, 1 to <see cref="MaxLimit"/>; null for <see cref="DefaultLimit"/>.</param>
    /// <param name="next">The <c>next</c> token of the previous page, or null for the first page.</param>
    public static PageRequest Create(int? limit, string? next)
    {
        var errors = new ValidationErrors()
            .Check(limit is null or (>= 1 and <= MaxLimit), "limit", string.Create(CultureInfo.InvariantCulture, $"limit must be a whole number from 1 to {MaxLimit}."));
        string? continuation = null;
        errors.Check(next is null || PageToken.TryDecode(next, out continuation), "next", "next must be the next token of a previous page of this list, unchanged.");
        errors.ThrowIfAny("The page request is invalid");
        return new PageRequest(limit ?? DefaultLimit, continuation);
    }
}
