using System.Reflection;
using System.Runtime.Serialization;
using Azure.Data.Tables;
using MLGov.Core.Errors;

namespace MLGov.Platform.Tables;

/// <summary>
/// The Table service's size limits, checked before a row is sent so that a row that cannot be stored
/// is a 413 problem saying which limit, not a bare 400 from the service surfacing as a 500 (or a
/// retried consumer). Sizes follow the service's own formula: 4 bytes, plus two bytes per character
/// of PartitionKey and RowKey, plus per property 8 bytes, two per character of its name and its value's
/// size (strings two bytes per character plus 4, binary its length plus 4).
/// </summary>
public static class TableLimits
{
    /// <summary>Custom properties per entity: 255 including PartitionKey, RowKey and Timestamp.</summary>
    public const int MaxProperties = 252;

    /// <summary>Entity size: 1 MiB.</summary>
    public const int MaxEntityBytes = 1024 * 1024;

    /// <summary>A string property: 64 KiB, stored as UTF-16, so 32K characters.</summary>
    public const int MaxStringLength = 32 * 1024;

    /// <summary>A binary property: 64 KiB.</summary>
    public const int MaxBinaryBytes = 64 * 1024;

    /// <summary>The payload of one entity group transaction: 4 MiB (estimated as the sum of its entities' sizes).</summary>
    public const int MaxBatchBytes = 4 * 1024 * 1024;

    private static readonly string[] SystemProperties = ["PartitionKey", "RowKey", "Timestamp", "ETag", "odata.etag"];

    /// <summary>The entity's size by the service's formula; throws <see cref="PayloadTooLargeException"/> naming the limit it breaks.</summary>
    public static long Check(ITableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var row = $"row '{entity.RowKey}' of partition '{entity.PartitionKey}'";
        var properties = Properties(entity).ToList();
        if (properties.Count > MaxProperties)
        {
            throw new PayloadTooLargeException($"The {row} has {properties.Count} properties; a table row holds at most {MaxProperties}.");
        }

        long size = 4 + ((long)(entity.PartitionKey?.Length ?? 0) + (entity.RowKey?.Length ?? 0)) * 2;
        foreach (var (name, value) in properties)
        {
            size += 8 + (name.Length * 2) + value switch
            {
                string text when text.Length > MaxStringLength =>
                    throw new PayloadTooLargeException($"Property '{name}' of {row} is {text.Length} characters; a table string property holds at most {MaxStringLength} (64 KiB)."),
                string text => (text.Length * 2) + 4,
                byte[] bytes when bytes.Length > MaxBinaryBytes =>
                    throw new PayloadTooLargeException($"Property '{name}' of {row} is {bytes.Length} bytes; a table binary property holds at most {MaxBinaryBytes} (64 KiB)."),
                byte[] bytes => bytes.Length + 4,
                BinaryData data when data.ToMemory().Length > MaxBinaryBytes =>
                    throw new PayloadTooLargeException($"Property '{name}' of {row} is {data.ToMemory().Length} bytes; a table binary property holds at most {MaxBinaryBytes} (64 KiB)."),
                BinaryData data => data.ToMemory().Length + 4,
                bool => 1,
                int => 4,
                Guid => 16,
                Enum e => (e.ToString().Length * 2) + 4,
                _ => 8, // long, double, DateTime, DateTimeOffset
            };
        }

        return size <= MaxEntityBytes
            ? size
            : throw new PayloadTooLargeException($"The {row} is {size} bytes; a table row holds at most {MaxEntityBytes} (1 MiB).");
    }

    /// <summary>The custom properties the SDK sends: a TableEntity's values, or a class's public properties (nulls are not sent).</summary>
    private static IEnumerable<(string Name, object Value)> Properties(ITableEntity entity)
    {
        if (entity is TableEntity dictionary)
        {
            return dictionary
                .Where(p => p.Value is not null && !SystemProperties.Contains(p.Key))
                .Select(p => (p.Key, p.Value));
        }

        return entity.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && !SystemProperties.Contains(p.Name) && p.GetCustomAttribute<IgnoreDataMemberAttribute>() is null)
            .Select(p => (p.GetCustomAttribute<DataMemberAttribute>()?.Name ?? p.Name, p.GetValue(entity)))
            .Where(p => p.Item2 is not null)
            .Select(p => (p.Item1, p.Item2!));
    }
}
