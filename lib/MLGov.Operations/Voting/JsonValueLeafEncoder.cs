using System.Text.Json;
using MLGov.Core.Merkle;

namespace MLGov.Operations.Voting;

/// <summary>
/// The leaf encoding of <c>StandardMerkleTree.of(values, leafEncoding)</c> for values given as JSON arrays:
/// <c>abi.encode</c> of the array's elements as the types (<see cref="AbiJsonEncoder"/>). Refusals name the value by
/// its index in the file (<c>/3/1</c>: the second field of the fourth value).
/// </summary>
public sealed class JsonValueLeafEncoder : IMerkleLeafEncoder<(int Index, JsonElement Value)>
{
    private readonly AbiType[] _types;

    public JsonValueLeafEncoder(IReadOnlyList<AbiType> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        _types = [.. types];
        LeafEncoding = [.. _types.Select(t => t.Name)];
    }

    public IReadOnlyList<string> LeafEncoding { get; }

    public byte[] Encode((int Index, JsonElement Value) value) => AbiJsonEncoder.Encode(_types, value.Value, "/" + value.Index);
}
