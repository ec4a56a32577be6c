using System.Text.Json;
using MLGov.Core.Encoding;
using MLGov.Core.Hashing;
using MLGov.Core.Merkle;

namespace MLGov.Core.Tests.Merkle;

public sealed class StandardMerkleTreeTests
{
    public static TheoryData<string> VectorNames => [.. OpenZeppelinVectors.Names];

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Roots_nodes_leaves_and_proofs_equal_openzeppelins(string name)
    {
        var vector = OpenZeppelinVectors.Get(name);
        var values = vector.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("value")).ToArray();
        var encoding = vector.GetProperty("leafEncoding").EnumerateArray().Select(e => e.GetString()!).ToArray();

        if (encoding[1] == "address")
        {
            Check(vector, encoding, new StandardMerkleTree<DistributionEntitlement>(values.Select(OpenZeppelinVectors.Entitlement), DistributionLeafEncoder.Instance));
        }
        else
        {
            Check(vector, encoding, new StandardMerkleTree<CountedVote>(values.Select(OpenZeppelinVectors.Vote), VoteLeafEncoder.Instance));
        }
    }

    [Fact]
    public void Values_keep_their_input_order()
    {
        var vector = OpenZeppelinVectors.Get("distribution-5");
        var values = vector.GetProperty("values").EnumerateArray().Select(v => OpenZeppelinVectors.Entitlement(v.GetProperty("value"))).ToArray();

        var tree = new StandardMerkleTree<DistributionEntitlement>(values, DistributionLeafEncoder.Instance);

        Assert.Equal(values, tree.Values);
        Assert.Equal(5, tree.Tree.LeafCount);
    }

    [Fact]
    public void A_value_not_in_the_tree_or_a_changed_value_does_not_verify()
    {
        var vector = OpenZeppelinVectors.Get("votes-6");
        var values = vector.GetProperty("values").EnumerateArray().Select(v => OpenZeppelinVectors.Vote(v.GetProperty("value"))).ToArray();
        var tree = new StandardMerkleTree<CountedVote>(values, VoteLeafEncoder.Instance);
        var proof = tree.GetProof(2);

        Assert.True(tree.Verify(values[2], proof));
        Assert.False(tree.Verify(values[2] with { Weight = values[2].Weight + 1 }, proof));
        Assert.False(tree.Verify(values[3], proof));
    }

    [Fact]
    public void The_leaf_is_keccak256_of_keccak256_of_the_abi_encoding()
    {
        var vote = new CountedVote("0x1111111111111111111111111111111111111111", Keccak256.Compute("yes"u8), 10);
        var tree = new StandardMerkleTree<CountedVote>([vote], VoteLeafEncoder.Instance);
        var encoded = Hex.Decode(
            "0x0000000000000000000000001111111111111111111111111111111111111111" +
            "90dfb8fa37079daea9a1acb3e423e2351f0ba3fb27cf55bfa41ad2f8c58baea9" +
            "000000000000000000000000000000000000000000000000000000000000000a");

        Assert.Equal(Keccak256.Compute(Keccak256.Compute(encoded)), tree.HashLeaf(vote));
        Assert.Equal(tree.HashLeaf(vote), tree.Root);
    }

    [Fact]
    public void A_given_hash_is_used_for_every_hash()
    {
        var counting = new CountingKeccak();
        var tree = new StandardMerkleTree<DistributionEntitlement>(
            [new("0x1111111111111111111111111111111111111111", "0x2222222222222222222222222222222222222222", 1),
             new("0x3333333333333333333333333333333333333333", "0x2222222222222222222222222222222222222222", 2)],
            DistributionLeafEncoder.Instance,
            counting);

        // Two leaves of two hashes each, and one inner node.
        Assert.Equal(5, counting.Calls);
        Assert.True(tree.Verify(tree.Values[0], tree.GetProof(0)));
        Assert.Equal(8, counting.Calls);
    }

    [Fact]
    public void Null_values_or_encoder_are_argument_errors()
    {
        Assert.Equal("values", Assert.Throws<ArgumentNullException>(() => new StandardMerkleTree<CountedVote>(null!, VoteLeafEncoder.Instance)).ParamName);
        Assert.Equal("encoder", Assert.Throws<ArgumentNullException>(() => new StandardMerkleTree<CountedVote>([], null!)).ParamName);
    }

    private static void Check<T>(JsonElement vector, string[] encoding, StandardMerkleTree<T> tree)
    {
        var values = vector.GetProperty("values").EnumerateArray().ToArray();
        Assert.Equal(encoding, tree.LeafEncoding);
        Assert.Equal(vector.GetProperty("root").GetString(), Hex.Encode(tree.Root));
        Assert.Equal(vector.GetProperty("tree").EnumerateArray().Select(n => n.GetString()), tree.Tree.Nodes.Select(n => Hex.Encode(n)));
        Assert.Equal(values.Length, tree.Tree.LeafCount);
        for (var i = 0; i < values.Length; i++)
        {
            var proof = values[i].GetProperty("proof").EnumerateArray().Select(p => Hex.Decode(p.GetString()!)).ToArray();
            Assert.Equal(values[i].GetProperty("leaf").GetString(), Hex.Encode(tree.LeafHash(i)));
            Assert.Equal(values[i].GetProperty("treeIndex").GetInt32(), tree.Tree.TreeIndexOf(i));
            Assert.Equal(proof, tree.GetProof(i));
            Assert.True(tree.Verify(tree.Values[i], proof));
            Assert.True(MerkleTree.Verify(tree.Root, tree.LeafHash(i), proof));
        }
    }

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
