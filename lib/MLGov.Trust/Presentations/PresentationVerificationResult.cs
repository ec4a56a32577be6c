using System.Text.Json.Serialization;
using MLGov.Trust.Credentials;

namespace MLGov.Trust.Presentations;

/// <summary>The outcome of verifying a presentation: every check by name, and each contained credential's own result.</summary>
public sealed record PresentationVerificationResult(
    [property: JsonPropertyName("verified")] bool Verified,
    [property: JsonPropertyName("format"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Format,
    [property: JsonPropertyName("holder"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Holder,
    [property: JsonPropertyName("checks")] IReadOnlyList<VerificationCheck> Checks,
    [property: JsonPropertyName("credentials")] IReadOnlyList<CredentialVerificationResult> Credentials)
{
    public VerificationCheck Check(string name) => Checks.Single(c => c.Name == name);

    [JsonIgnore]
    public string? FirstError => Checks.FirstOrDefault(c => c.Outcome == CheckOutcome.Failed)?.Error;
}
