using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using MLGov.Core.Encoding;
using MLGov.Core.Errors;
using MLGov.Core.Hashing;
using MLGov.Core.Identifiers;
using MLGov.Trust.Ethereum;
using MLGov.Voting.Domain.Signing;

namespace MLGov.Voting.Domain.Weights;

/// <summary>
/// The EIP-712 typed data of a delegation, under the same domain as votes (<see cref="VoteTypedData"/>: name
/// <c>"MLGov Voting"</c>, version <c>"1"</c>, the chain id, the GovernanceFinalizer as verifying contract).
/// Message: <c>Delegation(bytes32 space,address delegator,address delegate,uint64 timestamp)</c>. <c>space</c> binds the
/// space (no replay in another), <c>delegator</c> must be the signer, <c>delegate</c> the zero address to revoke, and
/// <c>timestamp</c> (Unix seconds) orders a delegator's delegations: the latest one stands.
/// </summary>
public sealed class DelegationTypedData
{
    /// <summary>The EIP-712 type of the message.</summary>
    public const string DelegationType = "Delegation(bytes32 space,address delegator,address delegate,uint64 timestamp)";

    private static readonly byte[] DelegationTypeHash = Keccak256.Compute(Encoding.ASCII.GetBytes(DelegationType));

    private readonly VoteTypedData _domain;
    private readonly byte[] _domainSeparator;

    /// <summary>Delegations under the domain of <paramref name="votes"/> (same chain, same finalizer).</summary>
    public DelegationTypedData(VoteTypedData votes)
    {
        ArgumentNullException.ThrowIfNull(votes);
        _domain = votes;
        _domainSeparator = votes.DomainSeparator;
    }

    /// <summary>hashStruct(Delegation) = keccak256(typeHash ‖ space ‖ delegator ‖ delegate ‖ timestamp).</summary>
    public static byte[] StructHash(DelegationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Span<byte> encoded = stackalloc byte[5 * 32];
        encoded.Clear();
        DelegationTypeHash.CopyTo(encoded);
        message.Space.Span.CopyTo(encoded[32..]);
        AbiWords.ParseAddress(message.Delegator).CopyTo(encoded[(64 + 12)..]);
        AbiWords.ParseAddress(message.Delegate).CopyTo(encoded[(96 + 12)..]);
        BinaryPrimitives.WriteUInt64BigEndian(encoded[(128 + 24)..], message.Timestamp);
        return Keccak256.Compute(encoded);
    }

    /// <summary>The digest a wallet signs for <paramref name="message"/>: keccak256(0x1901 ‖ domainSeparator ‖ hashStruct).</summary>
    public byte[] Digest(DelegationMessage message)
    {
        CheckShape(message);
        var buffer = new byte[66];
        buffer[0] = 0x19;
        buffer[1] = 0x01;
        _domainSeparator.CopyTo(buffer, 2);
        StructHash(message).CopyTo(buffer, 34);
        return Keccak256.Compute(buffer);
    }

    /// <summary>The typed data a wallet signs with <c>eth_signTypedData_v4</c> (the space as 0x hex, numbers as JSON numbers).</summary>
    public string ToJson(DelegationMessage message)
    {
        CheckShape(message);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("types");
            VoteTypedData.WriteDomainType(writer);
            VoteTypedData.WriteType(writer, "Delegation", [("space", "bytes32"), ("delegator", "address"), ("delegate", "address"), ("timestamp", "uint64")]);
            writer.WriteEndObject();
            writer.WriteString("primaryType", "Delegation");
            _domain.WriteDomain(writer);
            writer.WriteStartObject("message");
            writer.WriteString("space", Hex.Encode(message.Space.Span));
            writer.WriteString("delegator", message.Delegator);
            writer.WriteString("delegate", message.Delegate);
            writer.WriteNumber("timestamp", message.Timestamp);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// Checks that the delegator signed <paramref name="delegation"/>: refuses (<see cref="ValidationException"/>) a
    /// malformed message, a bad or high-s signature (member <c>signature</c>) and a signature by anyone else.
    /// </summary>
    public void Verify(SignedDelegation delegation)
    {
        ArgumentNullException.ThrowIfNull(delegation);
        var signer = EthereumSignatures.RecoverAddress(Digest(delegation.Message), delegation.Signature.Span);
        if (!string.Equals(signer, delegation.Message.Delegator, StringComparison.OrdinalIgnoreCase))
        {
            throw ValidationException.For("signature", "The delegation is not signed by the delegator.");
        }
    }

    private static void CheckShape(DelegationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        new ValidationErrors()
            .Check(message.Space.Length == 32, "space", "The space is 32 bytes.")
            .EvmAddress("delegator", message.Delegator)
            .EvmAddress("delegate", message.Delegate)
            .ThrowIfAny("The delegation is not valid");
    }
}
