using MLGov.Platform.Chain.Contracts;
using MLGov.Platform.Chain;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MLGov.Operations.Deployment;

/// <summary>
/// Where the contracts of a stack live: written by <see cref="GovernanceDeployer"/> (through
/// <c>mlgov up</c> to .mlgov/local/deployment.json, through <c>mlgov contracts deploy</c> to the path it
/// prints) and read by the apps as configuration (<c>Chain:*</c>, <c>Contracts:&lt;Name&gt;</c>, names in
/// <see cref="ContractNames"/>).
/// </summary>
public sealed record DeploymentRecord(long ChainId, Uri RpcUrl, string Operator, IReadOnlyDictionary<string, string> Contracts, DateTimeOffset DeployedAt)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The GovernanceFinalizer's challenge window in seconds.</summary>
    public ulong? ChallengeWindow { get; init; }

    /// <summary>The StakingPool's unbonding delay in seconds.</summary>
    public ulong? UnbondingDelay { get; init; }

    /// <summary>The account of each app (app name → address), holding its app's roles.</summary>
    public IReadOnlyDictionary<string, string>? AppAccounts { get; init; }

    /// <summary>The guardian (pauses the money contracts, cancels queued timelock calls); null when the operator kept the admin role.</summary>
    public string? Guardian { get; init; }

    /// <summary>The GovernanceTimelock's minimum delay in seconds; null when the operator kept the admin role.</summary>
    public ulong? TimelockDelay { get; init; }

    /// <summary>Seconds between beginning and accepting a hand-over of DEFAULT_ADMIN_ROLE on the governed contracts.</summary>
    public ulong? AdminTransferDelay { get; init; }

    /// <summary>The block before the first deployment transaction: where event scans can start.</summary>
    public ulong? StartBlock { get; init; }

    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(this, Json), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a record written by <see cref="WriteAsync"/>; throws <see cref="JsonException"/> for malformed files.</summary>
    public static async Task<DeploymentRecord> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync<DeploymentRecord>(stream, Json, cancellationToken).ConfigureAwait(false)
                ?? throw new JsonException($"{path} holds no deployment record.");
        }
    }

    /// <summary>The configuration keys the apps read: Contracts:&lt;Name&gt; = address.</summary>
    public IEnumerable<KeyValuePair<string, string?>> ToConfiguration() =>
        Contracts.Select(c => new KeyValuePair<string, string?>($"Contracts:{c.Key}", c.Value));
}
