using System.Text.Json;
using System.Text.Json.Serialization;

namespace MLGov.Cli.Stack;

/// <summary>
/// Where the contracts of a stack live: written by the deployer (.mlgov/local/deployment.json for
/// mlgov up) and read by the apps as configuration (Chain:*, Contracts:&lt;Name&gt;).
/// </summary>
public sealed record DeploymentRecord(long ChainId, Uri RpcUrl, string Operator, IReadOnlyDictionary<string, string> Contracts, DateTimeOffset DeployedAt)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(this, Json), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The configuration keys the apps read: Contracts:&lt;Name&gt; = address.</summary>
    public IEnumerable<KeyValuePair<string, string?>> ToConfiguration() =>
        Contracts.Select(c => new KeyValuePair<string, string?>($"Contracts:{c.Key}", c.Value));
}
