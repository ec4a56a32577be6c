using System.Numerics;
using Nethereum.ABI;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Util;

namespace MLGov.Contracts.Tests;

/// <summary>
/// The Merkle leaf encodings the contracts document (OpenZeppelin StandardMerkleTree: keccak256 of
/// keccak256 of the ABI-encoded values), computed with Nethereum, reproduce the vectors pinned in
/// the forge tests (computed there with js-sha3), including the roots of the sorted-pair trees.
/// </summary>
public sealed class LeafEncodingTests
{
    private const string A1 = "0x1111111111111111111111111111111111111111";
    private const string A2 = "0x2222222222222222222222222222222222222222";
    private const string A3 = "0x3333333333333333333333333333333333333333";

    [Fact]
    public void DistributorLeaves_MatchVectorsAndRoot()
    {
        const string token = "0x00000000000000000000000000000000000000aa";
        var leaves = new[]
        {
            Leaf(new ABIValue("address", A1), new ABIValue("address", token), new ABIValue("uint256", new BigInteger(100))),
            Leaf(new ABIValue("address", A2), new ABIValue("address", token), new ABIValue("uint256", new BigInteger(250))),
            Leaf(new ABIValue("address", A3), new ABIValue("address", token), new ABIValue("uint256", new BigInteger(650))),
        };
        Assert.Equal("0x1e5679962433ebf6ad8d57d52d89a29d334e62ba9a9c0fdef8f0f874089484d3", leaves[0].ToHex(true));
        Assert.Equal("0x6126613b380841f60a8bf49b9b04248a03b8dabd010f3eabc6bfa9cda718b3fb", leaves[1].ToHex(true));
        Assert.Equal("0xa09add4a501c7a34609675a24d7d9a4acebaa28b5c307ff4f1a90412036f6541", leaves[2].ToHex(true));
        Assert.Equal("0x9faa06e4f5bb91ab78b9a3aae4c2144600c00deb7ad28d8be37b92c994c077d0", StandardTreeRoot(leaves).ToHex(true));
    }

    [Fact]
    public void VoteLeaves_MatchVectorsAndRoot()
    {
        var yes = Sha3Keccack.Current.CalculateHash("yes"u8.ToArray());
        Assert.Equal("0x90dfb8fa37079daea9a1acb3e423e2351f0ba3fb27cf55bfa41ad2f8c58baea9", yes.ToHex(true));
        var leaves = new[] { (A1, 10), (A2, 20), (A3, 30) }
            .Select(vote => Leaf(new ABIValue("address", vote.Item1), new ABIValue("bytes32", yes), new ABIValue("uint256", new BigInteger(vote.Item2))))
            .ToArray();
        Assert.Equal("0xb4d62ccffe9dc0c2a4127eed0d42d32b039bb56b78d032490b1fa54022720ea4", leaves[0].ToHex(true));
        Assert.Equal("0x27f3f00b8429d87b978843eb7a25acb94e15cb86729247bc5b758cdd096a3eda", StandardTreeRoot(leaves).ToHex(true));
    }

    /// <summary>The GovernanceFinalizer's leaf binds chain id, finalizer and proposal (same js-sha3 vector as the forge test).</summary>
    [Fact]
    public void ProposalVoteLeaves_MatchVectorsAndRoot()
    {
        var yes = Sha3Keccack.Current.CalculateHash("yes"u8.ToArray());
        var proposal = Sha3Keccack.Current.CalculateHash("proposal:42"u8.ToArray());
        var leaves = new[] { (A1, 10), (A2, 20), (A3, 30) }
            .Select(vote => Leaf(
                new ABIValue("uint256", new BigInteger(31337)),
                new ABIValue("address", "0x2e234DAe75C793f67A35089C9d99245E1C58470b"),
                new ABIValue("bytes32", proposal),
                new ABIValue("address", vote.Item1),
                new ABIValue("bytes32", yes),
                new ABIValue("uint256", new BigInteger(vote.Item2))))
            .ToArray();
        Assert.Equal("0x2b2d6dd6096a1b72a448c6c6237d404d0130ca0a7bb155e2aae57d9f967ff64c", leaves[0].ToHex(true));
        Assert.Equal("0x99fe96cdf851cb96c4d3ae1fbe1e5f621cf36992d3ef69bd6fa73f1c1ac94b1f", StandardTreeRoot(leaves).ToHex(true));
    }

    private static byte[] Leaf(params ABIValue[] values) =>
        Sha3Keccack.Current.CalculateHash(new ABIEncode().GetSha3ABIEncoded(values));

    /// <summary>Root of a StandardMerkleTree: leaves sorted, complete binary tree in an array, sorted-pair hashing.</summary>
    private static byte[] StandardTreeRoot(byte[][] leaves)
    {
        var sorted = leaves.OrderBy(leaf => leaf.ToHex(), StringComparer.Ordinal).ToArray();
        var tree = new byte[(2 * sorted.Length) - 1][];
        for (var i = 0; i < sorted.Length; i++)
        {
            tree[tree.Length - 1 - i] = sorted[i];
        }

        for (var i = tree.Length - 1 - sorted.Length; i >= 0; i--)
        {
            var (left, right) = (tree[(2 * i) + 1], tree[(2 * i) + 2]);
            var ordered = string.CompareOrdinal(left.ToHex(), right.ToHex()) <= 0 ? left.Concat(right) : right.Concat(left);
            tree[i] = Sha3Keccack.Current.CalculateHash(ordered.ToArray());
        }

        return tree[0];
    }
}
