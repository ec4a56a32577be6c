using System.Text.Json;
using System.Text.Json.Serialization;

namespace MLGov.Voting.Domain.Weights;

/// <summary>
/// System.Text.Json reads and writes a <see cref="WeightStrategy"/> in the shape of <see cref="WeightStrategies"/>,
/// whatever the serializer's options. A strategy that is not valid is refused with a <see cref="MLGov.Core.Errors.ValidationException"/>.
/// </summary>
public sealed class WeightStrategyJsonConverter : JsonConverter<WeightStrategy>
{
    /// <inheritdoc/>
    public override WeightStrategy Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return WeightStrategies.ParseOne(document.RootElement);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, WeightStrategy value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        WeightStrategies.Write(writer, value);
    }
}
