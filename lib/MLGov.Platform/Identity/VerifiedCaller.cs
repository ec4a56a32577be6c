using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MLGov.Platform.Identity;

/// <summary>The caller a presentation proved: the holder DID and the verified credentials it presented (their payloads).</summary>
public sealed record VerifiedCaller(string Did, IReadOnlyList<JsonObject> Credentials)
{
    internal const string ItemKey = "MLGov.VerifiedCaller";

    /// <summary>The subject claims of the first presented credential of <paramref name="type"/>.</summary>
    public JsonObject? ClaimsOf(string type) =>
        Credentials.FirstOrDefault(c => TypesOf(c).Contains(type))?["credentialSubject"] as JsonObject;

    private static IEnumerable<string> TypesOf(JsonObject credential) => credential["type"] switch
    {
        JsonArray array => array.Select(t => t?.GetValue<string>() ?? string.Empty),
        JsonValue value => [value.GetValue<string>()],
        _ => [],
    };
}

public static class VerifiedCallerExtensions
{
    /// <summary>The caller <see cref="CredentialAuthorizationMiddleware"/> verified for this request; throws when the function is not marked <see cref="RequiresCredentialAttribute"/>.</summary>
    public static VerifiedCaller GetVerifiedCaller(this HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.HttpContext.Items.TryGetValue(VerifiedCaller.ItemKey, out var caller) && caller is VerifiedCaller verified
            ? verified
            : throw new InvalidOperationException("No verified caller: mark the function [RequiresCredential].");
    }
}
