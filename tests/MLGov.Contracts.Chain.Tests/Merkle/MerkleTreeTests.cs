using System.Numerics;
using System.Text.Json;
using MLGov.Core.Encoding;
using MLGov.Core.Hashing;
using MLGov.Core.Merkle;

namespace MLGov.Contracts.Chain.Tests.Merkle;

/// <summary>
/// The C# StandardMerkleTree against facts computed elsewhere: the vectors pinned in the forge tests
/// (js-sha3) and trees, leaves and proofs produced by @openzeppelin/merkle-tree 1.0.8
/// (openzeppelin-merkle-tree-vectors.json, see generate-vectors.mjs).
/// </summary>
public sealed class MerkleTreeTests
{
    private const string A1 = "0x1111111111111111111111111111111111111111";
    private const string A2 = "0x2222222222222222222222222222222222222222";
    private const string A3 = "0x3333333333333333333333333333333333333333";

    public static TheoryData<string> VectorNames => [.. Vectors().Select(v => v.GetProperty("name").GetString()!)];

    [Fact]
    public void Keccak256_matches_known_digests()
    {
        Assert.Equal("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", Hex.Encode(Keccak256.Compute([])));
        Assert.Equal("0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45", Hex.Encode(Keccak256.Compute("abc"u8)));
        Assert.Equal("0x90dfb8fa37079daea9a1acb3e423e2351f0ba3fb27cf55bfa41ad2f8c58baea9", Hex.Encode(Keccak256.Compute("yes"u8)));
    }

    [Fact]
    public void Keccak256_agrees_with_nethereum_on_random_inputs_of_every_length_around_the_rate()
    {
        var random = new Random(42);
        for (var length = 0; length < 300; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(Nethereum.Util.Sha3Keccack.Current.CalculateHash(data), Keccak256.Compute(data));
        }
    }

    [Fact]
    public void Distributor_tree_reproduces_the_forge_vectors()
    {
        const string token = "0x00000000000000000000000000000000000000aa";
        var tree = new StandardMerkleTree<DistributionEntitlement>(
            [new(A1, token, 100), new(A2, token, 250), new(A3, token, 650)],
            DistributionLeafEncoder.Instance);

        Assert.Equal("0x1e5679962433ebf6ad8d57d52d89a29d334e62ba9a9c0fdef8f0f874089484d3", Hex.Encode(tree.LeafHash(0)));
        Assert.Equal("0x6126613b380841f60a8bf49b9b04248a03b8dabd010f3eabc6bfa9cda718b3fb", Hex.Encode(tree.LeafHash(1)));
        Assert.Equal("0xa09add4a501c7a34609675a24d7d9a4acebaa28b5c307ff4f1a90412036f6541", Hex.Encode(tree.LeafHash(2)));
        Assert.Equal("0x9faa06e4f5bb91ab78b9a3aae4c2144600c00deb7ad28d8be37b92c994c077d0", Hex.Encode(tree.Root));
        for (var i = 0; i < 3; i++)
        {
            Assert.True(tree.Verify(tree.Values[i], tree.GetProof(i)));
        }
    }

    [Fact]
    public void Vote_tree_reproduces_the_forge_vectors()
    {
        var yes = Keccak256.Compute("yes"u8);
        var tree = new StandardMerkleTree<CountedVote>([new(A1, yes, 10), new(A2, yes, 20), new(A3, yes, 30)], VoteLeafEncoder.Instance);

        Assert.Equal("0xb4d62ccffe9dc0c2a4127eed0d42d32b039bb56b78d032490b1fa54022720ea4", Hex.Encode(tree.LeafHash(0)));
        Assert.Equal("0x27f3f00b8429d87b978843eb7a25acb94e15cb86729247bc5b758cdd096a3eda", Hex.Encode(tree.Root));
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Tree_equals_what_openzeppelin_merkle_tree_builds(string name)
    {
        var vector = Vectors().Single(v => v.GetProperty("name").GetString() == name);
        var values = vector.GetProperty("values").EnumerateArray().ToArray();
        var encoding = vector.GetProperty("leafEncoding").EnumerateArray().Select(e => e.GetString()!).ToArray();
        MerkleTree tree;
        if (encoding[1] == "address")
        {
            var typed = new StandardMerkleTree<DistributionEntitlement>(values.Select(v => Entitlement(v.GetProperty("value"))), DistributionLeafEncoder.Instance);
            Assert.Equal(encoding, typed.LeafEncoding);
            tree = typed.Tree;
        }
        else
        {
            var typed = new StandardMerkleTree<CountedVote>(values.Select(v => Vote(v.GetProperty("value"))), VoteLeafEncoder.Instance);
            Assert.Equal(encoding, typed.LeafEncoding);
            tree = typed.Tree;
        }

        Assert.Equal(vector.GetProperty("root").GetString(), Hex.Encode(tree.Root));
        Assert.Equal(vector.GetProperty("tree").EnumerateArray().Select(n => n.GetString()), tree.Nodes.Select(n => Hex.Encode(n)));
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i].GetProperty("leaf").GetString(), Hex.Encode(tree.LeafHash(i)));
            Assert.Equal(values[i].GetProperty("treeIndex").GetInt32(), tree.TreeIndexOf(i));
            Assert.Equal(values[i].GetProperty("proof").EnumerateArray().Select(p => p.GetString()), tree.GetProof(i).Select(p => Hex.Encode(p)));
            Assert.True(tree.Verify(tree.LeafHash(i), tree.GetProof(i)));
        }
    }

    [Fact]
    public void A_tampered_proof_value_or_root_does_not_verify()
    {
        var token = "0x00000000000000000000000000000000000000aa";
        var values = Enumerable.Range(1, 9).Select(i => new DistributionEntitlement("0x" + i.ToString("x40", System.Globalization.CultureInfo.InvariantCulture), token, i * 100)).ToArray();
        var tree = new StandardMerkleTree<DistributionEntitlement>(values, DistributionLeafEncoder.Instance);
        var proof = tree.GetProof(4).ToList();
        Assert.True(tree.Verify(values[4], proof));

        var flipped = proof.Select(p => (byte[])p.Clone()).ToList();
        flipped[1][7] ^= 0x01;
        Assert.False(tree.Verify(values[4], flipped));
        Assert.False(tree.Verify(values[4] with { CumulativeAmount = 401 }, proof));
        Assert.False(tree.Verify(values[4], proof.Take(proof.Count - 1)));
        Assert.False(tree.Verify(values[5], proof));
        Assert.False(MerkleTree.Verify(Keccak256.Compute("other root"u8), tree.LeafHash(4), proof));
    }

    [Fact]
    public void A_single_leaf_is_the_root_with_an_empty_proof()
    {
        var tree = new StandardMerkleTree<CountedVote>([new(A1, Keccak256.Compute("no"u8), 1)], VoteLeafEncoder.Instance);

        Assert.Equal(tree.LeafHash(0), tree.Root);
        Assert.Empty(tree.GetProof(0));
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        Assert.Throws<ArgumentException>(() => MerkleTree.Build([]));
        Assert.Throws<ArgumentException>(() => MerkleTree.Build([new byte[31]]));
        Assert.Throws<FormatException>(() => DistributionLeafEncoder.Instance.Encode(new("0x1234", A1, 1)));
        Assert.Throws<FormatException>(() => DistributionLeafEncoder.Instance.Encode(new(A1, "1111111111111111111111111111111111111111xx", 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => DistributionLeafEncoder.Instance.Encode(new(A1, A2, -1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => DistributionLeafEncoder.Instance.Encode(new(A1, A2, BigInteger.One << 256)));
        Assert.Throws<ArgumentException>(() => VoteLeafEncoder.Instance.Encode(new(A1, new byte[31], 1)));
        var tree = new StandardMerkleTree<CountedVote>([new(A1, new byte[32], 1)], VoteLeafEncoder.Instance);
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.GetProof(1));
    }

    [Fact]
    public void Leaf_encoding_is_abi_encode_of_the_fields()
    {
        var encoded = DistributionLeafEncoder.Instance.Encode(new(A1, "0x00000000000000000000000000000000000000AA", (BigInteger.One << 256) - 1));

        Assert.Equal(
            "0x000000000000000000000000" + A1[2..] + "00000000000000000000000000000000000000000000000000000000000000aa" + new string('f', 64),
            Hex.Encode(encoded));
    }

    private static DistributionEntitlement Entitlement(JsonElement value) =>
        new(value[0].GetString()!, value[1].GetString()!, BigInteger.Parse(value[2].GetString()!, System.Globalization.CultureInfo.InvariantCulture));

    private static CountedVote Vote(JsonElement value) =>
        new(value[0].GetString()!, Hex.Decode(value[1].GetString()!), BigInteger.Parse(value[2].GetString()!, System.Globalization.CultureInfo.InvariantCulture));

    private static IEnumerable<JsonElement> Vectors()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Merkle", "openzeppelin-merkle-tree-vectors.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.GetProperty("vectors").EnumerateArray().Select(v => v.Clone())];
    }
}
