using MLGov.Core.Hashing;

namespace MLGov.Core.Merkle;

/// <summary>
/// OpenZeppelin's <c>StandardMerkleTree</c> in C#: each value's leaf is
/// <c>keccak256(bytes.concat(keccak256(abi.encode(value))))</c> (the double hash keeps a leaf from
/// ever equalling an inner node), laid out as <see cref="MerkleTree"/> does. Roots and proofs equal
/// those of <c>StandardMerkleTree.of(values, leafEncoding)</c> in <c>@openzeppelin/merkle-tree</c>, so
/// the contracts' <c>MerkleProof</c> checks and off-the-shelf tools accept them.
/// </summary>
public sealed class StandardMerkleTree<TValue>
{
    private readonly TValue[] _values;
    private readonly IMerkleLeafEncoder<TValue> _encoder;
    private readonly IKeccak256 _keccak;
    private readonly MerkleTree _tree;

    public StandardMerkleTree(IEnumerable<TValue> values, IMerkleLeafEncoder<TValue> encoder, IKeccak256? keccak = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(encoder);
        _values = [.. values];
        _encoder = encoder;
        _keccak = keccak ?? Keccak256.Instance;
        _tree = MerkleTree.Build([.. _values.Select(HashLeaf)], _keccak);
    }

    /// <summary>The root hash; what the contract is given.</summary>
    public byte[] Root => _tree.Root;

    /// <summary>The values in the order they were given; indexes below refer to this order.</summary>
    public IReadOnlyList<TValue> Values => _values;

    /// <summary>The Solidity types of a leaf.</summary>
    public IReadOnlyList<string> LeafEncoding => _encoder.LeafEncoding;

    /// <summary>The underlying tree of leaf hashes.</summary>
    public MerkleTree Tree => _tree;

    /// <summary>The leaf hash of the value at <paramref name="index"/>.</summary>
    public byte[] LeafHash(int index) => _tree.LeafHash(index);

    /// <summary>The proof of the value at <paramref name="index"/>, as the contract's <c>bytes32[] proof</c> argument.</summary>
    public IReadOnlyList<byte[]> GetProof(int index) => _tree.GetProof(index);

    /// <summary>Whether <paramref name="proof"/> shows <paramref name="value"/> is in this tree.</summary>
    public bool Verify(TValue value, IEnumerable<byte[]> proof) => _tree.Verify(HashLeaf(value), proof);

    /// <summary>The standard leaf of a value: keccak256 of keccak256 of its ABI encoding.</summary>
    public byte[] HashLeaf(TValue value)
    {
        Span<byte> inner = stackalloc byte[Keccak256.HashLength];
        _keccak.Hash(_encoder.Encode(value), inner);
        var leaf = new byte[Keccak256.HashLength];
        _keccak.Hash(inner, leaf);
        return leaf;
    }
}
