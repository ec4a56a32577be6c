using System.Text.Json.Serialization;

namespace MLGov.Trust.Credentials;

/// <summary>One named check of a verification: its outcome, a stable error name when it failed, and a sentence for people.</summary>
public sealed record VerificationCheck(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("outcome")] CheckOutcome Outcome,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null,
    [property: JsonPropertyName("detail"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Detail = null)
{
    public static VerificationCheck Pass(string name, string? detail = null) => new(name, CheckOutcome.Passed, null, detail);

    public static VerificationCheck Fail(string name, string error, string detail) => new(name, CheckOutcome.Failed, error, detail);

    public static VerificationCheck Skip(string name, string detail) => new(name, CheckOutcome.Skipped, null, detail);
}
