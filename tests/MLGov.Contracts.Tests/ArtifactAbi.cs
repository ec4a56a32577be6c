using System.Text.Json;
using System.Text.Json.Serialization;

namespace MLGov.Contracts.Tests;

/// <summary>The ABI of an embedded artifact, read independently of Nethereum.</summary>
internal sealed class ArtifactAbi
{
    private ArtifactAbi(string contractName, IReadOnlyList<AbiEntry> entries)
    {
        ContractName = contractName;
        Entries = entries;
    }

    public string ContractName { get; }

    public IReadOnlyList<AbiEntry> Entries { get; }

    /// <summary>Names of all artifacts embedded in MLGov.Contracts.</summary>
    public static IReadOnlyList<string> ContractNames { get; } = typeof(ContractArtifact).Assembly
        .GetManifestResourceNames()
        .Where(name => name.StartsWith("MLGov.Contracts.", StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal))
        .Select(name => name["MLGov.Contracts.".Length..^".json".Length])
        .Order(StringComparer.Ordinal)
        .ToList();

    public static ArtifactAbi Load(string contractName)
    {
        var entries = JsonSerializer.Deserialize<List<AbiEntry>>(ContractArtifact.Load(contractName).Abi)
            ?? throw new InvalidOperationException($"artifact {contractName} has no ABI");
        return new ArtifactAbi(contractName, entries);
    }

    public IEnumerable<AbiEntry> OfKind(string kind) => Entries.Where(entry => entry.Kind == kind);
}

internal sealed class AbiEntry
{
    [JsonPropertyName("type")]
    public string Kind { get; set; } = string.Empty;

    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("inputs")]
    public List<AbiParameter> Inputs { get; set; } = [];

    [JsonPropertyName("outputs")]
    public List<AbiParameter> Outputs { get; set; } = [];

    /// <summary>The canonical signature, e.g. <c>mint(address,bytes32,bytes32)</c>.</summary>
    public string Signature => $"{Name}({string.Join(',', Inputs.Select(input => input.Type))})";
}

internal sealed class AbiParameter
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("type")]
    public string Type { get; set; } = string.Empty;

    [JsonPropertyName("indexed")]
    public bool Indexed { get; set; }
}
