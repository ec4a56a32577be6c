using System.Collections.Concurrent;
using System.Reflection;
using Azure.Data.Tables;

namespace MLGov.Platform.Tables;

/// <summary>
/// Stores a domain record as a table row, one column per property, and reads it back through the
/// record's constructor. A domain record is declared once; no row class copies it field by field.
/// Columns take the property names; supported property types are string, bool, int, long,
/// DateTimeOffset, Guid, enums (stored by name) and their nullable forms. Any other type fails on
/// first use, naming the property, so a record that cannot be stored is found by its first test.
/// </summary>
public static class RecordRows
{
    private static readonly ConcurrentDictionary<Type, RecordShape> Shapes = new();

    /// <summary>The row holding <paramref name="record"/> at the given keys.</summary>
    public static TableEntity ToEntity<TRecord>(TRecord record, string partitionKey, string rowKey)
        where TRecord : class
    {
        ArgumentNullException.ThrowIfNull(record);
        var entity = new TableEntity(partitionKey, rowKey);
        foreach (var property in ShapeOf(typeof(TRecord)).Properties)
        {
            var value = property.GetValue(record);
            entity[property.Name] = value is Enum e ? e.ToString() : value;
        }

        return entity;
    }

    /// <summary>The record a row holds; throws <see cref="InvalidDataException"/> when a required column is missing or of another type.</summary>
    public static TRecord ToRecord<TRecord>(TableEntity entity)
        where TRecord : class
    {
        ArgumentNullException.ThrowIfNull(entity);
        var shape = ShapeOf(typeof(TRecord));
        var arguments = new object?[shape.Parameters.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = Read(entity, shape.Parameters[i], shape.NullableParameters[i]);
        }

        return (TRecord)shape.Constructor.Invoke(arguments);
    }

    private static object? Read(TableEntity entity, ParameterInfo parameter, bool nullable)
    {
        var name = ColumnOf(parameter);
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        if (!entity.TryGetValue(name, out var value) || value is null)
        {
            return nullable
                ? null
                : throw new InvalidDataException($"Row '{entity.RowKey}' of partition '{entity.PartitionKey}' has no '{name}' column.");
        }

        try
        {
            return type switch
            {
                _ when type.IsEnum => Enum.Parse(type, (string)value, ignoreCase: false),
                _ when type == typeof(int) && value is long wide => checked((int)wide),
                _ when type == typeof(long) && value is int narrow => (long)narrow,
                _ when type == typeof(DateTimeOffset) && value is DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
                _ when type.IsInstanceOfType(value) => value,
                _ => throw new InvalidCastException(),
            };
        }
        catch (Exception exception) when (exception is InvalidCastException or ArgumentException or OverflowException)
        {
            throw new InvalidDataException(
                $"Column '{name}' of row '{entity.RowKey}' in partition '{entity.PartitionKey}' holds a {value.GetType().Name}, not a {type.Name}.", exception);
        }
    }

    private static string ColumnOf(ParameterInfo parameter) =>
        char.ToUpperInvariant(parameter.Name![0]) + parameter.Name[1..];

    private static bool IsNullable(ParameterInfo parameter) =>
        Nullable.GetUnderlyingType(parameter.ParameterType) is not null
        || (!parameter.ParameterType.IsValueType && new NullabilityInfoContext().Create(parameter).WriteState == NullabilityState.Nullable);

    private static RecordShape ShapeOf(Type type) => Shapes.GetOrAdd(type, RecordShape.Of);

    /// <param name="NullableParameters">Per constructor parameter: whether a missing column reads as null (worked out once per type).</param>
    private sealed record RecordShape(PropertyInfo[] Properties, ConstructorInfo Constructor, ParameterInfo[] Parameters, bool[] NullableParameters)
    {
        private static readonly Type[] Storable =
            [typeof(string), typeof(bool), typeof(int), typeof(long), typeof(DateTimeOffset), typeof(Guid)];

        public static RecordShape Of(Type type)
        {
            var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
                .ToArray();
            foreach (var property in properties)
            {
                var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                if (!propertyType.IsEnum && !Storable.Contains(propertyType))
                {
                    throw new NotSupportedException($"{type.Name}.{property.Name} is a {propertyType.Name}; a table row stores only string, bool, int, long, DateTimeOffset, Guid and enums.");
                }

                if (property.Name is "PartitionKey" or "RowKey" or "Timestamp" or "ETag" or "odata.etag")
                {
                    throw new NotSupportedException($"{type.Name}.{property.Name} clashes with a column the Table service owns.");
                }
            }

            var constructor = type.GetConstructors()
                .Where(c => c.GetParameters().Length == properties.Length
                    && c.GetParameters().All(p => properties.Any(q => string.Equals(q.Name, p.Name, StringComparison.OrdinalIgnoreCase) && q.PropertyType == p.ParameterType)))
                .SingleOrDefault()
                ?? throw new NotSupportedException($"{type.Name} needs one public constructor taking every property (a positional record).");
            var parameters = constructor.GetParameters();
            return new RecordShape(properties, constructor, parameters, [.. parameters.Select(IsNullable)]);
        }
    }
}
