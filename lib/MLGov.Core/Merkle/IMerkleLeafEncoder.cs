namespace MLGov.Core.Merkle;

/// <summary>ABI-encodes one value of a <see cref="StandardMerkleTree{TValue}"/> (what <c>abi.encode</c> of its fields gives).</summary>
public interface IMerkleLeafEncoder<in TValue>
{
    /// <summary>The Solidity types of the encoded fields, as OpenZeppelin's tree dump names them (e.g. "address", "uint256").</summary>
    IReadOnlyList<string> LeafEncoding { get; }

    /// <summary><c>abi.encode(fields of value)</c>.</summary>
    byte[] Encode(TValue value);
}
