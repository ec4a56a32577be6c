using System.Text.Json.Nodes;

namespace MLGov.Trust.Jose;

/// <summary>The outcome of verifying a compact JWS: the protected header and payload when valid, the reason when not.</summary>
public sealed record JwsVerificationResult(string? Problem, JsonObject? Header, byte[]? Payload)
{
    public bool IsValid => Problem is null;

    public static JwsVerificationResult Invalid(string problem) => new(problem, null, null);
}
