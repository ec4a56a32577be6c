using System.Collections.Concurrent;
using System.Text.Json;

namespace MLGov.Contracts;

/// <summary>
/// A compiled contract as contracts/build.mjs writes it (contracts/artifacts/&lt;Name&gt;.json),
/// embedded in this assembly so deployments use exactly the checked-in bytecode.
/// </summary>
public sealed class ContractArtifact
{
    private static readonly ConcurrentDictionary<string, ContractArtifact> Cache = new(StringComparer.Ordinal);

    private ContractArtifact(string name, string abi, string bytecode)
    {
        Name = name;
        Abi = abi;
        Bytecode = bytecode;
    }

    public string Name { get; }

    /// <summary>The ABI as JSON text.</summary>
    public string Abi { get; }

    /// <summary>Creation bytecode, 0x-prefixed.</summary>
    public string Bytecode { get; }

    public static ContractArtifact Load(string name) => Cache.GetOrAdd(name, Read);

    private static ContractArtifact Read(string name)
    {
        var resource = $"MLGov.Contracts.{name}.json";
        using var stream = typeof(ContractArtifact).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"No embedded artifact {resource}; run 'node contracts/build.mjs' and rebuild.");
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        return new ContractArtifact(name, root.GetProperty("abi").GetRawText(), root.GetProperty("bytecode").GetString()!);
    }
}
