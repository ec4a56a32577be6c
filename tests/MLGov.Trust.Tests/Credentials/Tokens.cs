
using System.Text.Json.Nodes;
using MLGov.Core.Encoding;
using MLGov.Trust.Keys;

namespace MLGov.Trust.Tests.Credentials;

/// <summary>Hand-built tokens: any header and payload, signed by any key, to say what an attacker can send.</summary>
internal static class Tokens
{
    public static string Sign(SigningKey key, string headerJson, string payloadJson)
    {
        var input = Base64Url.Encode(System.Text.Encoding.UTF8.GetBytes(headerJson)) + "." + Base64Url.Encode(System.Text.Encoding.UTF8.GetBytes(payloadJson));
        return input + "." + Base64Url.Encode(key.Sign(System.Text.Encoding.ASCII.GetBytes(input)));
    }

    public static string Sign(SigningKey key, JsonObject header, JsonObject payload) => Sign(key, header.ToJsonString(), payload.ToJsonString());

    public static JsonObject Header(string token) => JsonNode.Parse(Base64Url.Decode(token.Split('.')[0]))!.AsObject();

    public static JsonObject Payload(string token) => JsonNode.Parse(Base64Url.Decode(token.Split('.')[1]))!.AsObject();

    /// <summary>The token with its header and payload replaced and signed again by the key.</summary>
    public static string Resign(SigningKey key, string token, Action<JsonObject, JsonObject> change)
    {
        var header = Header(token);
        var payload = Payload(token);
        change(header, payload);
        return Sign(key, header, payload);
    }
}
