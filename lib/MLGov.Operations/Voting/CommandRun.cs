using System.CommandLine;
using System.Text.Json;
using MLGov.Core.Errors;

namespace MLGov.Operations.Voting;

/// <summary>
/// What the eip712, vote, tally and merkle commands share: every refusal is one line on the error writer and exit code
/// 2, including usage errors (see <see cref="GuardedAction"/>; missing arguments are checked by the commands themselves).
/// </summary>
internal static class CommandRun
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    private const string UnpairedSurrogate = "not valid JSON: a string escapes an unpaired UTF-16 surrogate (\\uD800-\\uDFFF), which is no Unicode text.";

    private static readonly JsonDocumentOptions StrictJson = new()
    {
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 64,
    };

    /// <summary>Runs <paramref name="body"/> unless the command line carries tokens the command does not know; file errors become refusals.</summary>
    public static int Guard(ParseResult parse, TextWriter error, Func<int> body)
    {
        if (parse.UnmatchedTokens.Count > 0)
        {
            return Refuse(error, $"Unexpected argument(s): {string.Join(' ', parse.UnmatchedTokens)}. See --help.");
        }

        try
        {
            return body();
        }
        catch (IOException exception)
        {
            return Refuse(error, FirstLine(exception.Message));
        }
        catch (UnauthorizedAccessException exception)
        {
            return Refuse(error, FirstLine(exception.Message));
        }
    }

    public static int Refuse(TextWriter error, string message)
    {
        error.WriteLine(message);
        return BadInput;
    }

    /// <summary>"file: /pointer: problem" for a refused member of a file.</summary>
    public static string Describe(string file, ValidationException exception)
    {
        var (member, problems) = exception.Errors.Count > 0 ? exception.Errors.First() : new KeyValuePair<string, string[]>(string.Empty, []);
        var problem = problems.Length > 0 ? problems[0] : exception.Message;
        return member.Length > 0 ? $"{file}: {member}: {problem}" : $"{file}: {problem}";
    }

    /// <summary>The text of a file; null with <paramref name="problem"/> when the path is missing or names no file.</summary>
    public static string? ReadText(string? path, string what, out string? problem)
    {
        problem = null;
        if (string.IsNullOrEmpty(path))
        {
            problem = $"Missing {what}. See --help.";
            return null;
        }

        if (!File.Exists(path))
        {
            problem = $"No such file: {path}.";
            return null;
        }

        return File.ReadAllText(path);
    }

    /// <summary>A file parsed as strict JSON (no duplicate members, comments or trailing commas); the caller disposes it.</summary>
    public static JsonDocument? ReadJson(string? path, string what, out string? problem)
    {
        var text = ReadText(path, what, out problem);
        if (text is null)
        {
            return null;
        }

        var document = ParseLine(text, out problem);
        problem = problem is null ? null : $"{path} is {problem}";
        return document;
    }

    /// <summary>
    /// One line of JSON Lines (or a whole file) parsed strictly; null with <paramref name="problem"/> when it is not JSON,
    /// or when a string or member name escapes a lone surrogate.
    /// </summary>
    public static JsonDocument? ParseLine(string line, out string? problem)
    {
        problem = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, StrictJson);
        }
        catch (JsonException exception)
        {
            problem = $"not valid JSON: {FirstLine(exception.Message)}";
            return null;
        }
        catch (InvalidOperationException)
        {
            // Thrown by the duplicate-member check when a member name escapes a lone surrogate.
            problem = UnpairedSurrogate;
            return null;
        }

        if (!HasOnlyValidStrings(document.RootElement))
        {
            document.Dispose();
            problem = UnpairedSurrogate;
            return null;
        }

        return document;
    }

    // JSON's grammar lets "\uD800" through; .NET refuses to read it as a string. Found here once, so no later reader fails on it.
    private static bool HasOnlyValidStrings(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    _ = element.GetString();
                    return true;
                case JsonValueKind.Array:
                    return element.EnumerateArray().All(HasOnlyValidStrings);
                case JsonValueKind.Object:
                    return element.EnumerateObject().All(member => member.Name is not null && HasOnlyValidStrings(member.Value));
                default:
                    return true;
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
