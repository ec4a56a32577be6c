using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace MLGov.Platform.OpenApi;

/// <summary>
/// Maps the JSON Schema that <see cref="System.Text.Json.Schema.JsonSchemaExporter"/> writes onto
/// Microsoft.OpenApi's schema model (OpenAPI 3.1 is JSON Schema 2020-12, so this is one keyword to one
/// property). A keyword without a property in the model is kept as written.
/// </summary>
internal static class JsonSchemaMapping
{
    private const string ComponentPrefix = "#/components/schemas/";

    public static IOpenApiSchema ToOpenApi(JsonNode? node, OpenApiDocument document)
    {
        switch (node)
        {
            case null:
                return new OpenApiSchema();
            case JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                // true: anything; false: nothing.
                return value.GetValue<bool>() ? new OpenApiSchema() : new OpenApiSchema { Not = new OpenApiSchema() };
            case JsonObject schema when schema["$ref"] is JsonValue reference:
                return Reference(reference.GetValue<string>(), schema, document);
            case JsonObject schema:
                return Map(schema, document);
            default:
                throw new InvalidOperationException($"Not a JSON schema: {node.ToJsonString()}");
        }
    }

    private static OpenApiSchemaReference Reference(string pointer, JsonObject schema, OpenApiDocument document)
    {
        if (!pointer.StartsWith(ComponentPrefix, StringComparison.Ordinal))
        {
            // The exporter points into the schema being exported only for a type that contains itself,
            // and SchemaComponents replaces every object type by a component $ref before that happens.
            throw new InvalidOperationException($"Unexpected schema reference '{pointer}'.");
        }

        return new OpenApiSchemaReference(pointer[ComponentPrefix.Length..], document)
        {
            Description = schema["description"]?.GetValue<string>(),
        };
    }

    private static OpenApiSchema Map(JsonObject node, OpenApiDocument document)
    {
        var schema = new OpenApiSchema();
        foreach (var (keyword, value) in node)
        {
            switch (keyword)
            {
                case "type":
                    schema.Type = value is JsonArray types
                        ? types.Select(t => OpenApiTypeMapper.ToJsonSchemaType(t!.GetValue<string>())).Aggregate((a, b) => a | b)
                        : OpenApiTypeMapper.ToJsonSchemaType(value!.GetValue<string>());
                    break;
                case "format":
                    schema.Format = value!.GetValue<string>();
                    break;
                case "pattern":
                    schema.Pattern = value!.GetValue<string>();
                    break;
                case "description":
                    schema.Description = value!.GetValue<string>();
                    break;
                case "title":
                    schema.Title = value!.GetValue<string>();
                    break;
                case "properties":
                    schema.Properties = value!.AsObject().ToDictionary(p => p.Key, p => ToOpenApi(p.Value, document), StringComparer.Ordinal);
                    break;
                case "required":
                    schema.Required = new HashSet<string>(value!.AsArray().Select(r => r!.GetValue<string>()), StringComparer.Ordinal);
                    break;
                case "items":
                    schema.Items = ToOpenApi(value, document);
                    break;
                case "additionalProperties" when value is JsonValue allowed && allowed.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                    schema.AdditionalPropertiesAllowed = allowed.GetValue<bool>();
                    break;
                case "additionalProperties":
                    schema.AdditionalProperties = ToOpenApi(value, document);
                    break;
                case "enum":
                    schema.Enum = value!.AsArray().Select(v => v?.DeepClone() ?? JsonValue.Create((string?)null)!).ToList();
                    break;
                case "anyOf":
                    schema.AnyOf = value!.AsArray().Select(s => ToOpenApi(s, document)).ToList();
                    break;
                case "oneOf":
                    schema.OneOf = value!.AsArray().Select(s => ToOpenApi(s, document)).ToList();
                    break;
                case "allOf":
                    schema.AllOf = value!.AsArray().Select(s => ToOpenApi(s, document)).ToList();
                    break;
                case "minLength":
                    schema.MinLength = value!.GetValue<int>();
                    break;
                case "maxLength":
                    schema.MaxLength = value!.GetValue<int>();
                    break;
                case "minItems":
                    schema.MinItems = value!.GetValue<int>();
                    break;
                case "maxItems":
                    schema.MaxItems = value!.GetValue<int>();
                    break;
                case "minimum":
                    schema.Minimum = Number(value!);
                    break;
                case "maximum":
                    schema.Maximum = Number(value!);
                    break;
                case "default":
                    schema.Default = value?.DeepClone();
                    break;
                case "const":
                    schema.Const = value is JsonValue text && text.GetValueKind() == JsonValueKind.String ? text.GetValue<string>() : value?.ToJsonString();
                    break;
                default:
                    schema.UnrecognizedKeywords ??= new Dictionary<string, JsonNode>(StringComparer.Ordinal);
                    schema.UnrecognizedKeywords[keyword] = value?.DeepClone()!;
                    break;
            }
        }

        return schema;
    }

    private static string Number(JsonNode value) => value.GetValueKind() == JsonValueKind.Number
        ? value.ToJsonString()
        : value.GetValue<string>().ToString(CultureInfo.InvariantCulture);
}
