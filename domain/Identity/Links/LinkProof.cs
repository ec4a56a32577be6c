using System.Text.Json;
using System.Text.Json.Nodes;
using MLGov.Core.Errors;

namespace MLGov.Identity.Domain.Links;

/// <summary>
/// The payload of a link proof: the JWS the DID's key signs over <c>{"nonce", "did", "aud"}</c>. It must name the DID
/// being linked and this service's audience, and carry a nonce this service issued (consumed once, by the caller).
/// Nothing else may be in it, so a JWS made for another purpose does not pass as a link proof.
/// </summary>
public sealed record LinkProof(string Nonce, string Did, string Audience)
{
    private static readonly HashSet<string> Members = ["nonce", "did", "aud"];

    /// <summary>Reads and checks the payload against the DID of the request and the expected audience.</summary>
    public static LinkProof Read(ReadOnlySpan<byte> payload, string did, string audience)
    {
        JsonObject? json;
        try
        {
            json = JsonNode.Parse(payload) as JsonObject;
        }
        catch (JsonException)
        {
            json = null;
        }

        if (json is null || json.Count != Members.Count || !json.All(m => Members.Contains(m.Key) && m.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String))
        {
            throw new UnauthorizedException("The proof's payload must be exactly {\"nonce\", \"did\", \"aud\"}, all strings.");
        }

        var proof = new LinkProof((string)json["nonce"]!, (string)json["did"]!, (string)json["aud"]!);
        if (!string.Equals(proof.Did, did, StringComparison.Ordinal))
        {
            throw new UnauthorizedException("The proof is for another DID.");
        }

        if (!string.Equals(proof.Audience, audience, StringComparison.Ordinal))
        {
            throw new UnauthorizedException($"The proof is for audience '{proof.Audience}', not '{audience}'.");
        }

        return proof;
    }
}
