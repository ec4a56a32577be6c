using MLGov.Core.Hashing;

namespace MLGov.Core.Merkle;

/// <summary>
/// A Merkle tree over 32-byte leaf hashes laid out exactly like OpenZeppelin's
/// <c>@openzeppelin/merkle-tree</c>: leaves sorted by hash (stable), a complete binary tree stored in
/// an array with the root at 0 and leaf <c>i</c> of the sorted order at <c>length - 1 - i</c>, inner
/// nodes <c>keccak256</c> of the sorted pair (what OpenZeppelin's <c>MerkleProof</c> verifies). Proofs
/// are the sibling hashes from the leaf up to the root.
/// </summary>
public sealed class MerkleTree
{
    private readonly byte[][] _nodes;
    private readonly int[] _treeIndexOfLeaf;
    private readonly IKeccak256 _keccak;

    private MerkleTree(byte[][] nodes, int[] treeIndexOfLeaf, IKeccak256 keccak)
    {
        _nodes = nodes;
        _treeIndexOfLeaf = treeIndexOfLeaf;
        _keccak = keccak;
    }

    /// <summary>The root hash (a copy).</summary>
    public byte[] Root => (byte[])_nodes[0].Clone();

    /// <summary>Every node in array order (root first, leaves last), as OpenZeppelin's tree dump lists them; copies.</summary>
    public IReadOnlyList<byte[]> Nodes => [.. _nodes.Select(node => (byte[])node.Clone())];

    /// <summary>How many leaves the tree has.</summary>
    public int LeafCount => _treeIndexOfLeaf.Length;

    /// <summary>
    /// Builds the tree. Leaves keep their input index for <see cref="GetProof"/> and
    /// <see cref="TreeIndexOf"/>; with <paramref name="sortLeaves"/> (OpenZeppelin's default) they are
    /// placed in hash order, otherwise in input order.
    /// </summary>
    public static MerkleTree Build(IReadOnlyList<byte[]> leafHashes, IKeccak256? keccak = null, bool sortLeaves = true)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        if (leafHashes.Count == 0)
        {
            throw new ArgumentException("A Merkle tree needs at least one leaf.", nameof(leafHashes));
        }

        keccak ??= Keccak256.Instance;
        var order = Enumerable.Range(0, leafHashes.Count).ToArray();
        for (var i = 0; i < leafHashes.Count; i++)
        {
            if (leafHashes[i] is not { Length: Keccak256.HashLength })
            {
                throw new ArgumentException($"Leaf {i} is not a 32-byte hash.", nameof(leafHashes));
            }
        }

        if (sortLeaves)
        {
            // A stable sort, like JavaScript's Array.prototype.sort: equal hashes keep their input order.
            order = [.. order.OrderBy(i => leafHashes[i], ByteOrder.Instance)];
        }

        var nodes = new byte[(2 * leafHashes.Count) - 1][];
        var treeIndexOfLeaf = new int[leafHashes.Count];
        for (var position = 0; position < order.Length; position++)
        {
            var treeIndex = nodes.Length - 1 - position;
            nodes[treeIndex] = (byte[])leafHashes[order[position]].Clone();
            treeIndexOfLeaf[order[position]] = treeIndex;
        }

        for (var i = nodes.Length - 1 - leafHashes.Count; i >= 0; i--)
        {
            nodes[i] = HashPair(nodes[(2 * i) + 1], nodes[(2 * i) + 2], keccak);
        }

        return new MerkleTree(nodes, treeIndexOfLeaf, keccak);
    }

    /// <summary>Where the leaf with input index <paramref name="leafIndex"/> sits in the tree array.</summary>
    public int TreeIndexOf(int leafIndex) => _treeIndexOfLeaf[CheckLeafIndex(leafIndex)];

    /// <summary>The hash of the leaf with input index <paramref name="leafIndex"/> (a copy).</summary>
    public byte[] LeafHash(int leafIndex) => (byte[])_nodes[TreeIndexOf(leafIndex)].Clone();

    /// <summary>The proof of the leaf with input index <paramref name="leafIndex"/>: sibling hashes, leaf to root.</summary>
    public IReadOnlyList<byte[]> GetProof(int leafIndex)
    {
        var proof = new List<byte[]>();
        for (var index = TreeIndexOf(leafIndex); index > 0; index = (index - 1) / 2)
        {
            var sibling = index % 2 == 1 ? index + 1 : index - 1;
            proof.Add((byte[])_nodes[sibling].Clone());
        }

        return proof;
    }

    /// <summary>Whether <paramref name="proof"/> takes <paramref name="leafHash"/> to this tree's root.</summary>
    public bool Verify(ReadOnlySpan<byte> leafHash, IEnumerable<byte[]> proof) => Verify(_nodes[0], leafHash, proof, _keccak);

    /// <summary>OpenZeppelin <c>MerkleProof.verify</c>: folds the proof into the leaf with sorted-pair hashing.</summary>
    public static bool Verify(ReadOnlySpan<byte> root, ReadOnlySpan<byte> leafHash, IEnumerable<byte[]> proof, IKeccak256? keccak = null)
    {
        ArgumentNullException.ThrowIfNull(proof);
        keccak ??= Keccak256.Instance;
        var current = leafHash.ToArray();
        foreach (var sibling in proof)
        {
            current = HashPair(current, sibling, keccak);
        }

        return root.SequenceEqual(current);
    }

    /// <summary><c>keccak256</c> of the two hashes concatenated smaller first (OpenZeppelin <c>Hashes.commutativeKeccak256</c>).</summary>
    public static byte[] HashPair(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, IKeccak256? keccak = null)
    {
        if (a.Length != Keccak256.HashLength || b.Length != Keccak256.HashLength)
        {
            throw new ArgumentException("Merkle nodes are 32-byte hashes.");
        }

        keccak ??= Keccak256.Instance;
        Span<byte> buffer = stackalloc byte[2 * Keccak256.HashLength];
        var aFirst = a.SequenceCompareTo(b) <= 0;
        (aFirst ? a : b).CopyTo(buffer);
        (aFirst ? b : a).CopyTo(buffer[Keccak256.HashLength..]);
        var hash = new byte[Keccak256.HashLength];
        keccak.Hash(buffer, hash);
        return hash;
    }

    private int CheckLeafIndex(int leafIndex) =>
        leafIndex >= 0 && leafIndex < _treeIndexOfLeaf.Length
            ? leafIndex
            : throw new ArgumentOutOfRangeException(nameof(leafIndex), leafIndex, $"The tree has {_treeIndexOfLeaf.Length} leaves.");

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
