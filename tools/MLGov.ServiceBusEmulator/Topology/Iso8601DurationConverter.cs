using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml;

namespace MLGov.ServiceBusEmulator.Topology;

/// <summary>Reads and writes <see cref="TimeSpan"/> as an ISO 8601 duration such as <c>PT1M</c> or <c>P14D</c>.</summary>
internal sealed class Iso8601DurationConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string text = reader.GetString() ?? throw new JsonException("A duration must be an ISO 8601 string.");
        try
        {
            return XmlConvert.ToTimeSpan(text);
        }
        catch (FormatException ex)
        {
            throw new JsonException($"'{text}' is not an ISO 8601 duration.", ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(XmlConvert.ToString(value));
    }
}
