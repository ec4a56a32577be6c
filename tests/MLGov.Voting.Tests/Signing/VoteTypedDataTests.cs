using System.Numerics;
using System.Text.Json;
using MLGov.Core.Encoding;
using MLGov.Core.Hashing;
using MLGov.Trust.Ethereum;
using MLGov.Voting.Domain.Choices;
using MLGov.Voting.Domain.Signing;
using MLGov.Voting.Domain.Tally;
using static MLGov.Voting.Tests.Votes;

namespace MLGov.Voting.Tests.Signing;

public sealed class VoteTypedDataTests
{
    private static readonly VoteTypedData TypedData = new(31337, Finalizer);

    private static byte[] Key(int n) => Keccak256.Compute(BitConverter.GetBytes(n));

    private static SignedVote Sign(int key, string choice, ulong timestamp = 100, ReadOnlyMemory<byte>? proposal = null)
    {
        var message = new VoteMessage(proposal ?? ProposalId, EthereumSignatures.AddressOf(Key(key)), choice, timestamp);
        return new SignedVote(message, EthereumSignatures.Sign(TypedData.Digest(message), Key(key)));
    }

    [Fact]
    public void The_served_typed_data_hashes_with_the_generic_encoder_to_the_fast_digest()
    {
        var message = new VoteMessage(ProposalId, EthereumSignatures.AddressOf(Key(1)), "{\"1\":3,\"4\":1}", 1_764_460_800);

        var json = TypedData.ToJson(message);
        var generic = TypedDataEncoder.Hash(json);

        Assert.Equal(generic.Digest, TypedData.Digest(message));
        Assert.Equal(generic.DomainSeparator, TypedData.DomainSeparator);
    }

    [Fact]
    public void The_typed_data_names_the_finalizer_the_chain_and_the_proposal()
    {
        var message = new VoteMessage(ProposalId, EthereumSignatures.AddressOf(Key(1)), "2", 5);
        using var document = JsonDocument.Parse(TypedData.ToJson(message));
        var root = document.RootElement;

        Assert.Equal("Vote", root.GetProperty("primaryType").GetString());
        Assert.Equal(Finalizer, root.GetProperty("domain").GetProperty("verifyingContract").GetString());
        Assert.Equal(31337, root.GetProperty("domain").GetProperty("chainId").GetInt32());
        Assert.Equal(Hex.Encode(ProposalId), root.GetProperty("message").GetProperty("proposal").GetString());
        Assert.Equal("2", root.GetProperty("message").GetProperty("choice").GetString());
    }

    [Fact]
    public void The_domain_separator_is_the_EIP712_hash_of_name_version_chain_and_contract()
    {
        // Written out independently: keccak256(typeHash ‖ keccak256(name) ‖ keccak256(version) ‖ uint256 chainId ‖ address).
        byte[] encoded =
        [
            .. Keccak256.Compute("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"u8),
            .. Keccak256.Compute("MLGov Voting"u8),
            .. Keccak256.Compute("1"u8),
            .. new byte[30], 0x7a, 0x69,
            .. new byte[12], .. Hex.Decode(Finalizer),
        ];

        Assert.Equal(Keccak256.Compute(encoded), TypedData.DomainSeparator);
    }

    [Fact]
    public void A_signature_from_another_chain_or_finalizer_does_not_recover_the_voter()
    {
        var signed = Sign(1, "1");
        var otherChain = new VoteTypedData(1, Finalizer).Digest(signed.Message);
        var otherFinalizer = new VoteTypedData(31337, Voter(5)).Digest(signed.Message);

        Assert.NotEqual(signed.Message.Voter, EthereumSignatures.RecoverAddress(otherChain, signed.Signature.Span));
        Assert.NotEqual(signed.Message.Voter, EthereumSignatures.RecoverAddress(otherFinalizer, signed.Signature.Span));
    }

    [Fact]
    public void Signed_votes_are_verified_and_tallied_and_bad_ones_refused_with_reasons()
    {
        var weights = new Dictionary<string, BigInteger>(StringComparer.OrdinalIgnoreCase);
        for (var k = 1; k <= 8; k++)
        {
            weights[EthereumSignatures.AddressOf(Key(k))] = k;
        }

        var good1 = Sign(1, "1");
        var good2 = Sign(2, "2");
        var good3 = Sign(3, "1", timestamp: 50);
        var changed3 = Sign(3, "2", timestamp: 60);
        var otherProposal = Sign(4, "1", proposal: Keccak256.Compute("proposal-2"u8));
        var forged = Sign(5, "1") with { Message = Sign(5, "1").Message with { Choice = "2" } };
        var impostor = new SignedVote(Sign(6, "1").Message, Sign(7, "1").Signature);
        var malformed = Sign(8, "[1]");
        var stranger = Sign(9, "1");
        var highS = HighS(good2);

        var tally = SignedVoteTally.Tally(Settings(VotingType.SingleChoice, choices: 2), [good1, good2, good3, changed3, otherProposal, forged, impostor, malformed, stranger, highS], weights);

        // Counted: voter 1 (weight 1) for 1, voter 2 (2) for 2, voter 3 (3) changed to 2 → totals 1 and 5.
        Assert.Equal([1, 5], tally.Result.Totals);
        Assert.Equal(3, tally.Result.CountedVotes.Count);
        Assert.Equal([4, 5, 6, 7, 8, 9], tally.Refused.Select(r => r.Index));
        Assert.Contains("another proposal", tally.Refused[0].Problem, StringComparison.Ordinal);
        Assert.Contains("not by the voter", tally.Refused[1].Problem, StringComparison.Ordinal);
        Assert.Contains("not by the voter", tally.Refused[2].Problem, StringComparison.Ordinal);
        Assert.Contains("single choice", tally.Refused[3].Problem, StringComparison.Ordinal);
        Assert.Contains("no voting weight", tally.Refused[4].Problem, StringComparison.Ordinal);
        Assert.Contains("half the curve order", tally.Refused[5].Problem, StringComparison.Ordinal);

        // The leaves bind keccak256 of each counted choice's text, and the root is the standard tree over them.
        var leaves = tally.Result.CountedVotes.Select(v => new MLGov.Core.Merkle.ProposalVote(31337, Finalizer, ProposalId, v.Voter, Keccak256.Compute(System.Text.Encoding.UTF8.GetBytes(v.Choice.Text)), v.Weight));
        Assert.Equal(new MLGov.Core.Merkle.StandardMerkleTree<MLGov.Core.Merkle.ProposalVote>(leaves, MLGov.Core.Merkle.ProposalVoteLeafEncoder.Instance).Root, tally.Result.VotesRoot);
    }

    private static SignedVote HighS(SignedVote vote)
    {
        var order = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
        var signature = vote.Signature.ToArray();
        var s = new BigInteger(signature.AsSpan(32, 32), isUnsigned: true, isBigEndian: true);
        (order - s).ToByteArray(isUnsigned: true, isBigEndian: true).CopyTo(signature, 32);
        signature[64] = (byte)(signature[64] == 27 ? 28 : 27);
        return vote with { Signature = signature };
    }
}
