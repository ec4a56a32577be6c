using System.Text.Json;
using MLGov.Core.Encoding;
using MLGov.Core.Errors;
using MLGov.Core.Hashing;
using MLGov.Trust.Ethereum;
using MLGov.Voting.Domain.Signing;
using MLGov.Voting.Domain.Weights;
using static MLGov.Voting.Tests.Votes;

namespace MLGov.Voting.Tests.Weights;

public sealed class DelegationTypedDataTests
{
    private static readonly byte[] Space = Keccak256.Compute("space-1"u8);
    private static readonly DelegationTypedData TypedData = new(new VoteTypedData(31337, Finalizer));

    private static byte[] Key(int n) => Keccak256.Compute(BitConverter.GetBytes(n + 1000));

    private static SignedDelegation Sign(int key, string delegateAddress, ulong timestamp = 1_764_460_800)
    {
        var message = new DelegationMessage(Space, EthereumSignatures.AddressOf(Key(key)), delegateAddress, timestamp);
        return new SignedDelegation(message, EthereumSignatures.Sign(TypedData.Digest(message), Key(key)));
    }

    [Fact]
    public void The_served_typed_data_hashes_with_the_generic_encoder_to_the_same_digest_under_the_vote_domain()
    {
        var message = new DelegationMessage(Space, EthereumSignatures.AddressOf(Key(1)), Voter(7), 1_764_460_800);

        var json = TypedData.ToJson(message);
        var generic = TypedDataEncoder.Hash(json);

        Assert.Equal(generic.Digest, TypedData.Digest(message));
        Assert.Equal(new VoteTypedData(31337, Finalizer).DomainSeparator, generic.DomainSeparator);
        using var document = JsonDocument.Parse(json);
        Assert.Equal("Delegation", document.RootElement.GetProperty("primaryType").GetString());
        Assert.Equal(Hex.Encode(Space), document.RootElement.GetProperty("message").GetProperty("space").GetString());
    }

    [Fact]
    public void The_struct_hash_is_the_EIP712_encoding_of_the_four_members()
    {
        var delegator = EthereumSignatures.AddressOf(Key(1));
        var message = new DelegationMessage(Space, delegator, Voter(7), 0x0102030405);
        // Written out independently: keccak256(typeHash ‖ space ‖ address word ‖ address word ‖ uint64 word).
        byte[] encoded =
        [
            .. Keccak256.Compute("Delegation(bytes32 space,address delegator,address delegate,uint64 timestamp)"u8),
            .. Space,
            .. new byte[12], .. Hex.Decode(delegator),
            .. new byte[12], .. Hex.Decode(Voter(7)),
            .. new byte[27], 0x01, 0x02, 0x03, 0x04, 0x05,
        ];

        Assert.Equal(Keccak256.Compute(encoded), DelegationTypedData.StructHash(message));
    }

    [Fact]
    public void A_delegation_signed_by_the_delegator_verifies_and_any_other_is_refused()
    {
        var good = Sign(1, Voter(7));
        var altered = good with { Message = good.Message with { Delegate = Voter(8) } };
        var byAnother = new SignedDelegation(good.Message, Sign(2, Voter(7)).Signature);
        var otherChain = new DelegationTypedData(new VoteTypedData(1, Finalizer));
        var truncated = good with { Signature = good.Signature[..64] };

        TypedData.Verify(good);
        Assert.Equal(["signature"], Assert.Throws<ValidationException>(() => TypedData.Verify(altered)).Errors.Keys);
        Assert.Contains("not signed by the delegator", Assert.Throws<ValidationException>(() => TypedData.Verify(byAnother)).Message, StringComparison.Ordinal);
        Assert.Throws<ValidationException>(() => otherChain.Verify(good));
        Assert.Contains("65 bytes", Assert.Throws<ValidationException>(() => TypedData.Verify(truncated)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_delegation_is_refused_before_hashing()
    {
        var message = new DelegationMessage(new byte[31], "0x12", "bob", 1);

        var error = Assert.Throws<ValidationException>(() => TypedData.Digest(message));

        Assert.Equal(["delegate", "delegator", "space"], error.Errors.Keys.Order(StringComparer.Ordinal));
    }
}
