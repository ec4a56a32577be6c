using System.Text.Json;

namespace MLGov.Operations.DeadLetters;

/// <summary>
/// Where the Service Bus emulator of the running mlgov up is: .mlgov/local/servicebus.json, written
/// when the stack is up and deleted when it stops. mlgov dlq uses it as the default connection.
/// </summary>
public sealed record LocalServiceBusRecord(string ConnectionString, int ProcessId, DateTimeOffset StartedAt)
{
    public const string FileName = "servicebus.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(this, Json), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The record, or null when the file is missing or unreadable.</summary>
    public static async Task<LocalServiceBusRecord?> TryReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return JsonSerializer.Deserialize<LocalServiceBusRecord>(await File.ReadAllTextAsync(path, cancellationToken), Json);
        }
        catch (Exception exception) when (exception is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
