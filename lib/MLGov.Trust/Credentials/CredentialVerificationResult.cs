using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MLGov.Trust.Credentials;

/// <summary>
/// The outcome of verifying a credential: verified only when no check failed, with every check by name so a caller (or
/// the CLI, as JSON) can say which one. What the credential says is reported as read, signed or not, with the checks
/// saying whether to believe it.
/// </summary>
public sealed record CredentialVerificationResult(
    [property: JsonPropertyName("verified")] bool Verified,
    [property: JsonPropertyName("format"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Format,
    [property: JsonPropertyName("issuer"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Issuer,
    [property: JsonPropertyName("subject"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Subject,
    [property: JsonPropertyName("id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Id,
    [property: JsonPropertyName("types")] IReadOnlyList<string> Types,
    [property: JsonPropertyName("checks")] IReadOnlyList<VerificationCheck> Checks,
    [property: JsonPropertyName("credential"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonObject? Credential)
{
    /// <summary>The check of that name; throws when the verification has no such check.</summary>
    public VerificationCheck Check(string name) => Checks.Single(c => c.Name == name);

    /// <summary>The first failed check's error name, or null when verified.</summary>
    [JsonIgnore]
    public string? FirstError => Checks.FirstOrDefault(c => c.Outcome == CheckOutcome.Failed)?.Error;
}
