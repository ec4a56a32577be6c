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
