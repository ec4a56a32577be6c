using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace MLGov.Infra.Tests.Arm;

/// <summary>
/// Finishes what <c>bicep snapshot</c> leaves unevaluated: expressions that need <c>environment()</c> or
/// values known only at deployment time. Runtime values are simulated the way Azure public cloud
/// fills them in (<see cref="Reference"/>), and a managed identity's object id becomes the marker
/// <c>principal:&lt;identity or site id&gt;</c> (and a user-assigned identity's client id
/// <c>client:&lt;identity id&gt;</c>), so tests can tell whose identity a role assignment or setting names.
/// Anything not understood — a <c>listKeys()</c> call, a secure parameter — stays visible as
/// <c>«source text»</c> instead of being dropped, so secret scans still see it.
/// </summary>
public static class ArmEvaluator
{
    public const string OpaqueStart = "«";
    public const string PrincipalPrefix = "principal:";
    public const string ClientPrefix = "client:";
    public const string UserAssignedIdentityType = "Microsoft.ManagedIdentity/userAssignedIdentities";

    private static readonly Guid GuidNamespace = new("11fb06fb-712d-4ddd-98c7-e71bbd588830");

    /// <summary>Evaluates every expression string inside a JSON tree; returns a new tree.</summary>
    public static JsonNode? EvaluateTree(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, EvaluateTree(p.Value)))),
        JsonArray array => new JsonArray(array.Select(EvaluateTree).ToArray()),
        JsonValue value when value.TryGetValue<string>(out var text) && ArmExpressionParser.IsExpression(text) => Evaluate(text),
        JsonValue value when value.TryGetValue<string>(out var text) && text.StartsWith("[[", StringComparison.Ordinal) => JsonValue.Create(text[1..]),
        null => null,
        _ => node.DeepClone(),
    };

    /// <summary>Evaluates one "[...]" expression.</summary>
    public static JsonNode? Evaluate(string expression) => Evaluate(ArmExpressionParser.Parse(expression));

    public static JsonNode? Evaluate(ArmSyntax syntax) => syntax switch
    {
        ArmLiteral literal => literal.Value?.DeepClone(),
        ArmMember member => Member(Evaluate(member.Target), member.Name, member.Text),
        ArmIndex index => Index(Evaluate(index.Target), Evaluate(index.Index), index.Text),
        ArmCall call => Call(call),
        _ => throw new NotSupportedException(syntax.GetType().Name),
    };

    /// <summary>What a deployed resource reports through reference(), as in Azure public cloud.</summary>
    public static JsonObject Reference(string resourceId, bool full)
    {
        var (type, name) = TypeAndName(resourceId);
        JsonObject properties = type switch
        {
            "Microsoft.Web/sites" => new JsonObject { ["defaultHostName"] = $"{name}.azurewebsites.net" },
            UserAssignedIdentityType => new JsonObject { ["principalId"] = PrincipalPrefix + resourceId, ["clientId"] = ClientPrefix + resourceId },
            "Microsoft.ServiceBus/namespaces" => new JsonObject { ["serviceBusEndpoint"] = $"https://{name}.servicebus.windows.net:443/" },
            "Microsoft.KeyVault/vaults" => new JsonObject { ["vaultUri"] = $"https://{name}.vault.azure.net/" },
            "Microsoft.Insights/components" => new JsonObject
            {
                ["ConnectionString"] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/",
            },
            "Microsoft.Storage/storageAccounts" => new JsonObject
            {
                ["primaryEndpoints"] = new JsonObject
                {
                    ["blob"] = $"https://{name}.blob.core.windows.net/",
                    ["table"] = $"https://{name}.table.core.windows.net/",
                },
            },
            _ => new JsonObject { ["$unknown"] = $"{OpaqueStart}reference({resourceId})»" },
        };
        if (!full)
        {
            return properties;
        }

        return new JsonObject
        {
            ["id"] = resourceId,
            ["name"] = name,
            ["properties"] = properties,
            ["identity"] = new JsonObject { ["principalId"] = PrincipalPrefix + resourceId },
        };
    }

    /// <summary>The type ("Microsoft.Web/sites") and name ("func-x") of a resource id.</summary>
    public static (string Type, string Name) TypeAndName(string resourceId)
    {
        var providers = resourceId.LastIndexOf("/providers/", StringComparison.OrdinalIgnoreCase);
        var segments = resourceId[(providers + "/providers/".Length)..].Split('/');
        var type = new StringBuilder(segments[0]);
        for (var i = 1; i < segments.Length; i += 2)
        {
            type.Append('/').Append(segments[i]);
        }

        return (type.ToString(), segments[^1]);
    }

    private static JsonNode? Call(ArmCall call)
    {
        var name = call.Name.ToLowerInvariant();
        if (name.StartsWith("list", StringComparison.Ordinal) || name is "parameters" or "variables")
        {
            return Opaque(call.Text);
        }

        var args = call.Arguments.Select(Evaluate).ToList();
        switch (name)
        {
            case "format":
                return JsonValue.Create(string.Format(CultureInfo.InvariantCulture, Text(args[0]), args.Skip(1).Select(a => (object)Text(a)).ToArray()));
            case "concat":
                return args.All(a => a is JsonArray)
                    ? new JsonArray(args.SelectMany(a => a!.AsArray()).Select(n => n?.DeepClone()).ToArray())
                    : JsonValue.Create(string.Concat(args.Select(Text)));
            case "environment":
                return new JsonObject
                {
                    ["name"] = "AzureCloud",
                    ["suffixes"] = new JsonObject { ["storage"] = "core.windows.net", ["keyvaultDns"] = ".vault.azure.net" },
                    ["authentication"] = new JsonObject { ["loginEndpoint"] = "https://login.microsoftonline.com/" },
                };
            case "reference":
                return Reference(Text(args[0]), args.Count > 2 && string.Equals(Text(args[2]), "full", StringComparison.OrdinalIgnoreCase));
            case "extensionresourceid":
                return JsonValue.Create($"{Text(args[0])}/providers/{Text(args[1])}/{string.Join('/', args.Skip(2).Select(Text))}");
            case "resourceid":
                return JsonValue.Create(ResourceId(args.Select(Text).ToList()));
            case "subscriptionresourceid":
                return JsonValue.Create($"/subscriptions/00000000-0000-0000-0000-000000000001/providers/{Text(args[0])}/{string.Join('/', args.Skip(1).Select(Text))}");
            case "guid":
                return JsonValue.Create(DeterministicGuid(string.Join('-', args.Select(Text))).ToString());
            case "split":
                return new JsonArray(Text(args[0]).Split(Text(args[1])).Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
            case "replace":
                return JsonValue.Create(Text(args[0]).Replace(Text(args[1]), Text(args[2]), StringComparison.Ordinal));
            case "tolower":
                return JsonValue.Create(Text(args[0]).ToLowerInvariant());
            case "string":
                return JsonValue.Create(Text(args[0]));
            case "if":
                return args[0]?.GetValue<bool>() == true ? args[1] : args[2];
            case "not":
                return JsonValue.Create(args[0]?.GetValue<bool>() != true);
            case "empty":
                return JsonValue.Create(args[0] switch
                {
                    null => true,
                    JsonArray a => a.Count == 0,
                    JsonObject o => o.Count == 0,
                    var v => Text(v).Length == 0,
                });
            case "equals":
                return JsonValue.Create(JsonNode.DeepEquals(args[0], args[1]));
            case "createarray":
                return new JsonArray(args.Select(a => a?.DeepClone()).ToArray());
            case "createobject":
                var created = new JsonObject();
                for (var i = 0; i + 1 < args.Count; i += 2)
                {
                    created[Text(args[i])] = args[i + 1]?.DeepClone();
                }

                return created;
            default:
                return Opaque(call.Text);
        }
    }

    /// <summary>resourceId([subscriptionId], [resourceGroupName], type, name, ...) in the test subscription and resource group.</summary>
    private static string ResourceId(List<string> args)
    {
        var typeAt = args.FindIndex(a => a.Contains('/', StringComparison.Ordinal));
        var subscription = typeAt == 2 ? args[0] : Fixtures.DeploymentInputs.SubscriptionId;
        var group = typeAt >= 1 ? args[typeAt - 1] : Fixtures.DeploymentInputs.ResourceGroup;
        var typeSegments = args[typeAt].Split('/');
        var names = args.Skip(typeAt + 1).ToList();
        var path = new StringBuilder(typeSegments[0]);
        for (var i = 1; i < typeSegments.Length; i++)
        {
            path.Append('/').Append(typeSegments[i]).Append('/').Append(i - 1 < names.Count ? names[i - 1] : string.Empty);
        }

        return $"/subscriptions/{subscription}/resourceGroups/{group}/providers/{path}";
    }

    private static JsonNode? Member(JsonNode? target, string name, string text)
    {
        if (target is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                {
                    return value?.DeepClone();
                }
            }
        }

        return Opaque(text);
    }

    private static JsonNode? Index(JsonNode? target, JsonNode? index, string text) => target switch
    {
        JsonArray array when index is JsonValue v && v.TryGetValue<long>(out var i) && i >= 0 && i < array.Count => array[(int)i]?.DeepClone(),
        JsonObject => Member(target, Text(index), text),
        _ => Opaque(text),
    };

    private static JsonValue Opaque(string text) => JsonValue.Create($"{OpaqueStart}{text}»");

    private static string Text(JsonNode? node) => node switch
    {
        null => string.Empty,
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        JsonValue value => value.ToJsonString(),
        _ => node.ToJsonString(),
    };

    /// <summary>A name-based (version 5) UUID as ARM's guid() makes it.</summary>
    private static Guid DeterministicGuid(string input)
    {
        var namespaceBytes = GuidNamespace.ToByteArray(bigEndian: true);
        var data = namespaceBytes.Concat(Encoding.UTF8.GetBytes(input)).ToArray();
#pragma warning disable CA5350 // UUID v5 is defined on SHA-1; nothing here is security-relevant.
        var hash = SHA1.HashData(data);
#pragma warning restore CA5350
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
