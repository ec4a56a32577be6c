using System.Globalization;
using Microsoft.AspNetCore.Http;
using MLGov.Core.Errors;
using MLGov.Platform.Tables;

namespace MLGov.Platform.Http;

/// <summary>
/// Reads the page a list request asks for from its query string: <c>?limit=</c> (1 to 1000, default 50)
/// and <c>?next=</c> (the <c>next</c> token of the previous page). Anything else there is a 400 problem
/// naming the parameter.
/// </summary>
public static class PageQuery
{
    public const string LimitParameter = "limit";

    public const string NextParameter = "next";

    public static PageRequest Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limit = Single(request, LimitParameter);
        var next = Single(request, NextParameter);
        int? parsed = null;
        if (limit is not null)
        {
            parsed = int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
        }

        return PageRequest.Create(parsed, next);
    }

    private static string? Single(HttpRequest request, string name)
    {
        var values = request.Query[name];
        return values.Count switch
        {
            0 => null,
            1 => values[0],
            _ => throw ValidationException.For(name, $"{name} may be given once."),
        };
    }
}
