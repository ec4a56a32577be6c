using System.Numerics;
using MLGov.Core.Encoding;
using MLGov.Core.Merkle;

namespace MLGov.Core.Tests.Merkle;

/// <summary>The leaves are abi.encode of three static fields: three 32-byte words, in field order.</summary>
public sealed class LeafEncoderTests
{
    private const string Account = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    private const string Token = "0x00000000000000000000000000000000000000AA";

    [Fact]
    public void A_distribution_leaf_is_account_token_and_amount()
    {
        var encoded = DistributionLeafEncoder.Instance.Encode(new(Account, Token, (BigInteger.One << 64) + 2));

        Assert.Equal(
            "0x0000000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed" +
            "00000000000000000000000000000000000000000000000000000000000000aa" +
            "0000000000000000000000000000000000000000000000010000000000000002",
            Hex.Encode(encoded));
        Assert.Equal(["address", "address", "uint256"], DistributionLeafEncoder.Instance.LeafEncoding);
    }

    [Fact]
    public void A_vote_leaf_is_voter_choice_hash_and_weight()
    {
        var choice = Enumerable.Range(0xa0, 32).Select(i => (byte)i).ToArray();

        var encoded = VoteLeafEncoder.Instance.Encode(new(Account, choice, 300));

        Assert.Equal(
            "0x0000000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed" +
            "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf" +
            "000000000000000000000000000000000000000000000000000000000000012c",
            Hex.Encode(encoded));
        Assert.Equal(["address", "bytes32", "uint256"], VoteLeafEncoder.Instance.LeafEncoding);
    }

    /// <summary>Leaf hashes and root computed with js-sha3 (StandardMerkleTree layout), the same vector the forge test pins on chain.</summary>
    [Fact]
    public void A_proposal_vote_leaf_binds_chain_finalizer_and_proposal()
    {
        var proposal = Hex.Decode("0xf679dfa0ff578f39f1365aa6682ea1e4c3739deaab86c7ab6c1940b7a6407270");
        var yes = Hex.Decode("0x90dfb8fa37079daea9a1acb3e423e2351f0ba3fb27cf55bfa41ad2f8c58baea9");
        const string finalizer = "0x2e234DAe75C793f67A35089C9d99245E1C58470b";
        var votes = new[] { ("0x1111111111111111111111111111111111111111", 10), ("0x2222222222222222222222222222222222222222", 20), ("0x3333333333333333333333333333333333333333", 30) }
            .Select(v => new ProposalVote(31337, finalizer, proposal, v.Item1, yes, v.Item2))
            .ToArray();

        var tree = new StandardMerkleTree<ProposalVote>(votes, ProposalVoteLeafEncoder.Instance);

        Assert.Equal("0x2b2d6dd6096a1b72a448c6c6237d404d0130ca0a7bb155e2aae57d9f967ff64c", Hex.Encode(tree.LeafHash(0)));
        Assert.Equal("0x0490c908702fdfedd3593550e669452f36d2de29175fd64eda9ef93ad652be57", Hex.Encode(tree.LeafHash(1)));
        Assert.Equal("0x82cdd7aa2172946c679d133345dc5b2c207eeb7f4fba9018b9fda3ea47ceba7b", Hex.Encode(tree.LeafHash(2)));
        Assert.Equal("0x99fe96cdf851cb96c4d3ae1fbe1e5f621cf36992d3ef69bd6fa73f1c1ac94b1f", Hex.Encode(tree.Root));
        Assert.Equal(["uint256", "address", "bytes32", "address", "bytes32", "uint256"], ProposalVoteLeafEncoder.Instance.LeafEncoding);
        Assert.NotEqual(tree.LeafHash(0), tree.HashLeaf(votes[0] with { ChainId = 1 }));
        Assert.NotEqual(tree.LeafHash(0), tree.HashLeaf(votes[0] with { ProposalId = yes }));
        Assert.Throws<FormatException>(() => ProposalVoteLeafEncoder.Instance.Encode(votes[0] with { Finalizer = "0x12" }));
        Assert.Throws<ArgumentException>(() => ProposalVoteLeafEncoder.Instance.Encode(votes[0] with { ProposalId = new byte[31] }));
    }

    [Fact]
    public void Malformed_fields_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => DistributionLeafEncoder.Instance.Encode(null!));
        Assert.Throws<ArgumentNullException>(() => VoteLeafEncoder.Instance.Encode(null!));
        Assert.Throws<FormatException>(() => DistributionLeafEncoder.Instance.Encode(new("0x1234", Token, 1)));
        Assert.Throws<FormatException>(() => DistributionLeafEncoder.Instance.Encode(new(Account, "0x1234", 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => DistributionLeafEncoder.Instance.Encode(new(Account, Token, -1)));
        Assert.Throws<FormatException>(() => VoteLeafEncoder.Instance.Encode(new("0x1234", new byte[32], 1)));
        Assert.Throws<ArgumentException>(() => VoteLeafEncoder.Instance.Encode(new(Account, new byte[31], 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => VoteLeafEncoder.Instance.Encode(new(Account, new byte[32], BigInteger.One << 256)));
    }
}
