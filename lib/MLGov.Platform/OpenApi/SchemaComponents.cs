using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using Microsoft.OpenApi;
using MLGov.Platform.Http;

namespace MLGov.Platform.OpenApi;

/// <summary>
/// Turns C# types into OpenAPI schemas in the API's JSON contract (<see cref="ApiJson.Options"/>):
/// System.Text.Json's <see cref="JsonSchemaExporter"/> describes a type exactly as the serializer
/// reads and writes it (names, enums as strings, nullability, required constructor parameters), and
/// every object and enum type becomes a component under #/components/schemas that others $ref.
/// </summary>
internal sealed class SchemaComponents
{
    private const string ComponentPrefix = "#/components/schemas/";

    private readonly OpenApiDocument _document;
    private readonly Dictionary<Type, string> _names = [];
    private readonly HashSet<string> _takenNames = new(StringComparer.Ordinal);
    private readonly JsonSchemaExporterOptions _exporterOptions;

    public SchemaComponents(OpenApiDocument document)
    {
        _document = document;
        _exporterOptions = new JsonSchemaExporterOptions
        {
            // Generic arguments and roots carry no nullability metadata; a null is declared where it is allowed.
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = Transform,
        };
    }

    /// <summary>The schema of a body of this type: a $ref for an object or enum type, else an inline schema whose parts $ref.</summary>
    public IOpenApiSchema SchemaFor(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (IsComponent(underlying))
        {
            return new OpenApiSchemaReference(Register(underlying), _document);
        }

        return JsonSchemaMapping.ToOpenApi(Export(type), _document);
    }

    /// <summary>Adds a hand-written component (the problem details) under a fixed name.</summary>
    public OpenApiSchemaReference Add(string name, OpenApiSchema schema)
    {
        if (_takenNames.Add(name))
        {
            _document.AddComponent<IOpenApiSchema>(name, schema);
        }

        return new OpenApiSchemaReference(name, _document);
    }

    private string Register(Type type)
    {
        if (_names.TryGetValue(type, out var known))
        {
            return known;
        }

        var name = NameFor(type);
        _names[type] = name;
        _takenNames.Add(name);

        // Registered before exporting, so a type that contains itself refers to its own component.
        _document.AddComponent(name, JsonSchemaMapping.ToOpenApi(Export(type), _document));
        return name;
    }

    private JsonNode Export(Type type) => ApiJson.Options.GetJsonSchemaAsNode(type, _exporterOptions);

    private JsonNode Transform(JsonSchemaExporterContext context, JsonNode schema)
    {
        var type = context.TypeInfo.Type;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;

        // The exporter reads nullability off the setter, so a computed get-only property looks nullable;
        // its getter's annotation is what the response carries.
        var getOnlyNonNull = context.PropertyInfo is { Set: null, IsGetNullable: false };

        // [Description] on a property, or on the type for its own component (the exporter reads neither).
        var description = context.PropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(DescriptionAttribute), inherit: true).OfType<DescriptionAttribute>().FirstOrDefault()?.Description
            ?? (context.Path.Length == 0 ? underlying.GetCustomAttribute<DescriptionAttribute>()?.Description : null);
        if (description is not null && schema is JsonObject describable)
        {
            describable["description"] = description;
        }

        if (context.Path.Length > 0 && IsComponent(underlying))
        {
            var reference = new JsonObject { ["$ref"] = ComponentPrefix + Register(underlying) };
            JsonObject replacement = AllowsNull(schema, type) && !getOnlyNonNull
                ? new JsonObject { ["anyOf"] = new JsonArray(reference, new JsonObject { ["type"] = "null" }) }
                : reference;
            if (description is not null)
            {
                replacement["description"] = description;
            }

            return replacement;
        }

        if (schema is not JsonObject node)
        {
            return schema;
        }

        if (getOnlyNonNull && node["type"] is JsonArray types)
        {
            var kept = types.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToList();
            node["type"] = kept.Count == 1 ? kept[0] : new JsonArray(kept.Select(t => (JsonNode?)t).ToArray());
        }

        if (underlying.IsEnum)
        {
            // JsonStringEnumConverter's schema lists the names but not their type.
            node.TryAdd("type", "string");
        }
        else if (!node.ContainsKey("format") && NumberFormat(underlying) is { } format)
        {
            node["format"] = format;
        }

        return schema;
    }

    /// <summary>Objects and enums get a name of their own; collections, dictionaries and primitives stay inline.</summary>
    private static bool IsComponent(Type type) =>
        type.IsEnum || (ApiJson.Options.GetTypeInfo(type).Kind == JsonTypeInfoKind.Object && type != typeof(object));

    private static bool AllowsNull(JsonNode schema, Type type)
    {
        if (Nullable.GetUnderlyingType(type) is not null)
        {
            return true;
        }

        return schema is JsonObject node
            && ((node["type"] is JsonArray types && types.Any(t => t?.GetValue<string>() == "null"))
                || (node["enum"] is JsonArray values && values.Any(v => v is null)));
    }

    /// <summary>Formats that let a client generator pick the right width (a long is not an int).</summary>
    private static string? NumberFormat(Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 => "int32",
        TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64 => "int64",
        TypeCode.Single => "float",
        TypeCode.Double => "double",
        TypeCode.Decimal => "decimal",
        _ => null,
    };

    private string NameFor(Type type)
    {
        var name = ShortName(type);
        if (!_takenNames.Contains(name))
        {
            return name;
        }

        // Two types of one simple name (in different namespaces): the later one is qualified.
        var qualified = (type.Namespace is null ? string.Empty : type.Namespace + ".") + name;
        return _takenNames.Contains(qualified)
            ? throw new InvalidOperationException($"Two types map to the schema name '{qualified}'.")
            : qualified;
    }

    private static string ShortName(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.Name;
        }

        var stem = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
        return stem + "Of" + string.Join("And", type.GetGenericArguments().Select(ShortName));
    }
}
