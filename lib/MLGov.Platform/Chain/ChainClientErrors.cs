using Newtonsoft.Json.Linq;

namespace MLGov.Platform.Chain;

/// <summary>Reading a node's error answers.</summary>
internal static class ChainClientErrors
{
    /// <summary>The revert data of a node's error, wherever the JSON-RPC client left it.</summary>
    public static string? RevertDataOf(object? data) => data switch
    {
        string text when text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) => text,
        JValue { Type: JTokenType.String } value => RevertDataOf((string?)value),
        JObject obj => RevertDataOf(obj["data"]),
        System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.String } element => RevertDataOf(element.GetString()),
        System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Object } element when element.TryGetProperty("data", out var inner) => RevertDataOf(inner),
        _ => null,
    };
}
