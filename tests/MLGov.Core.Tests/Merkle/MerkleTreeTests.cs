using MLGov.Core.Hashing;
using MLGov.Core.Merkle;

namespace MLGov.Core.Tests.Merkle;

/// <summary>
/// The tree layout of @openzeppelin/merkle-tree, worked out by hand from its definition: leaf i of
/// n at array index 2n-2-i, node i = keccak256 of its children 2i+1 and 2i+2 sorted.
/// </summary>
public sealed class MerkleTreeTests
{
    private static readonly byte[] A = Leaf(0x11);
    private static readonly byte[] B = Leaf(0x22);
    private static readonly byte[] C = Leaf(0x33);

    [Fact]
    public void Unsorted_leaves_sit_in_input_order_from_the_end_of_the_array()
    {
        var tree = MerkleTree.Build([C, A, B], sortLeaves: false);

        var inner = SortedPairHash(A, C);
        var root = SortedPairHash(inner, B);
        Assert.Equal([root, inner, B, A, C], tree.Nodes);
        Assert.Equal(root, tree.Root);
        Assert.Equal([4, 3, 2], Enumerable.Range(0, 3).Select(tree.TreeIndexOf));
        Assert.Equal([A, B], tree.GetProof(0));
        Assert.Equal([C, B], tree.GetProof(1));
        Assert.Equal([inner], tree.GetProof(2));
    }

    [Fact]
    public void Sorted_leaves_sit_in_hash_order_and_keep_their_input_index()
    {
        var tree = MerkleTree.Build([C, A, B]);

        Assert.Equal([2, 4, 3], Enumerable.Range(0, 3).Select(tree.TreeIndexOf));
        Assert.Equal(C, tree.LeafHash(0));
        Assert.Equal(A, tree.LeafHash(1));
        Assert.Equal(B, tree.LeafHash(2));
        Assert.Equal(SortedPairHash(SortedPairHash(A, B), C), tree.Root);
        Assert.Equal(3, tree.LeafCount);
    }

    [Fact]
    public void Equal_leaves_keep_their_input_order()
    {
        var tree = MerkleTree.Build([B, A, B]);

        // Sorted: A (input 1), B (input 0), B (input 2).
        Assert.Equal([3, 4, 2], Enumerable.Range(0, 3).Select(tree.TreeIndexOf));
    }

    [Fact]
    public void A_single_leaf_is_the_root_with_an_empty_proof()
    {
        var tree = MerkleTree.Build([A]);

        Assert.Equal(A, tree.Root);
        Assert.Empty(tree.GetProof(0));
        Assert.True(tree.Verify(A, []));
    }

    [Fact]
    public void Proofs_verify_and_anything_tampered_does_not()
    {
        var leaves = Enumerable.Range(1, 7).Select(i => Leaf((byte)(i * 17))).ToArray();
        var tree = MerkleTree.Build(leaves);

        for (var i = 0; i < leaves.Length; i++)
        {
            Assert.True(tree.Verify(leaves[i], tree.GetProof(i)));
            Assert.True(MerkleTree.Verify(tree.Root, leaves[i], tree.GetProof(i)));
        }

        var proof = tree.GetProof(3);
        Assert.False(tree.Verify(leaves[4], proof));
        Assert.False(tree.Verify(leaves[3], proof.Take(proof.Count - 1)));
        Assert.False(MerkleTree.Verify(Leaf(0x99), leaves[3], proof));
        proof[0][0] ^= 1;
        Assert.False(tree.Verify(leaves[3], proof));
    }

    [Fact]
    public void Verify_uses_the_given_hash()
    {
        var counting = new CountingKeccak();
        var tree = MerkleTree.Build([A, B, C], counting);
        Assert.Equal(2, counting.Calls);

        Assert.True(tree.Verify(A, tree.GetProof(0)));
        Assert.Equal(4, counting.Calls);
        Assert.True(MerkleTree.Verify(tree.Root, A, tree.GetProof(0), counting));
        Assert.Equal(6, counting.Calls);
    }

    [Fact]
    public void A_pair_hashes_smaller_first_whatever_the_argument_order()
    {
        Assert.Equal(Keccak256.Compute([.. A, .. B]), MerkleTree.HashPair(A, B));
        Assert.Equal(Keccak256.Compute([.. A, .. B]), MerkleTree.HashPair(B, A));
        Assert.Equal(Keccak256.Compute([.. A, .. A]), MerkleTree.HashPair(A, A));
    }

    [Theory]
    [InlineData(31, 32)]
    [InlineData(32, 33)]
    public void A_pair_of_anything_but_32_byte_hashes_is_refused(int first, int second)
    {
        var error = Assert.Throws<ArgumentException>(() => MerkleTree.HashPair(new byte[first], new byte[second]));
        Assert.Contains("32-byte hashes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tree_hands_out_copies_and_keeps_none_of_the_callers_arrays()
    {
        var leaf = (byte[])A.Clone();
        var tree = MerkleTree.Build([leaf, B], sortLeaves: false);
        var root = tree.Root;

        leaf[0] ^= 1;
        tree.Root[0] ^= 1;
        tree.Nodes[0][0] ^= 1;
        tree.LeafHash(0)[0] ^= 1;
        tree.GetProof(0)[0][0] ^= 1;

        Assert.Equal(root, tree.Root);
        Assert.Equal(A, tree.LeafHash(0));
        Assert.Equal(B, tree.GetProof(0)[0]);
        Assert.Equal(SortedPairHash(A, B), tree.Root);
    }

    [Fact]
    public void Bad_leaves_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => MerkleTree.Build(null!));
        Assert.Contains("at least one leaf", Assert.Throws<ArgumentException>(() => MerkleTree.Build([])).Message, StringComparison.Ordinal);
        var error = Assert.Throws<ArgumentException>(() => MerkleTree.Build([A, new byte[31]]));
        Assert.Contains("Leaf 1", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => MerkleTree.Build([new byte[33]]));
        Assert.Throws<ArgumentException>(() => MerkleTree.Build([null!]));
        Assert.Throws<ArgumentNullException>(() => MerkleTree.Verify(A, A, null!));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    public void A_leaf_index_outside_the_tree_is_refused(int index)
    {
        var tree = MerkleTree.Build([A, B, C]);

        Assert.Throws<ArgumentOutOfRangeException>(() => tree.GetProof(index));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.TreeIndexOf(index));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => tree.LeafHash(index));
        Assert.Contains("3 leaves", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Leaf(byte fill) => Enumerable.Repeat(fill, 32).ToArray();

    private static byte[] SortedPairHash(byte[] x, byte[] y) =>
        x.AsSpan().SequenceCompareTo(y) <= 0 ? Keccak256.Compute([.. x, .. y]) : Keccak256.Compute([.. y, .. x]);

    private sealed class CountingKeccak : IKeccak256
    {
        public int Calls { get; private set; }

        public void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
        {
            Calls++;
            Keccak256.Instance.Hash(data, destination);
        }
    }
}
