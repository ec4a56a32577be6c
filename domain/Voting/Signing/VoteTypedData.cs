using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using MLGov.Core.Encoding;
using MLGov.Core.Errors;
using MLGov.Core.Hashing;
using MLGov.Core.Identifiers;
using MLGov.Trust.Ethereum;

namespace MLGov.Voting.Domain.Signing;

/// <summary>
/// The EIP-712 typed data of a vote, for one chain and one GovernanceFinalizer.
/// <para>
/// Domain: <c>EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)</c> with name
/// <c>"MLGov Voting"</c>, version <c>"1"</c>, the chain id and the finalizer as verifying contract, so a signature is
/// valid on one chain for one finalizer only.
/// </para>
/// <para>
/// Message: <c>Vote(bytes32 proposal,address voter,string choice,uint64 timestamp)</c>. <c>proposal</c> binds the
/// proposal (a vote cannot be replayed on another); <c>voter</c> is the signer's own address (recovery must give it);
/// <c>choice</c> is the canonical choice text (<see cref="Choices.ChoiceParser"/>), which a wallet shows as is, and whose
/// EIP-712 encoding, keccak256 of its UTF-8 bytes, is also the <c>choiceHash</c> of the vote's Merkle leaf;
/// <c>timestamp</c> (Unix seconds) orders a voter's votes (latest wins where changes are allowed) and makes each cast
/// a distinct message. There is no separate nonce: a vote re-sent unchanged is the same vote.
/// </para>
/// <para>
/// <see cref="Digest(VoteMessage)"/> is the struct hash written for this one type (about 2 µs: no JSON, no type
/// parsing); <see cref="ToJson"/> is the document served to wallets, which <see cref="TypedDataEncoder"/> hashes to
/// the same digest.
/// </para>
/// </summary>
public sealed class VoteTypedData
{
    public const string DomainName = "MLGov Voting";
    public const string DomainVersion = "1";
    public const string VoteType = "Vote(bytes32 proposal,address voter,string choice,uint64 timestamp)";
    public const string DomainType = "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";

    private static readonly byte[] VoteTypeHash = Keccak256.Compute(Encoding.ASCII.GetBytes(VoteType));
    private static readonly byte[] DomainTypeHash = Keccak256.Compute(Encoding.ASCII.GetBytes(DomainType));

    private readonly byte[] _domainSeparator;

    public VoteTypedData(BigInteger chainId, string finalizer)
    {
        if (chainId.Sign <= 0 || !EvmAddress.IsValid(finalizer))
        {
            throw new ArgumentException("The chain id is positive and the finalizer an address.");
        }

        ChainId = chainId;
        Finalizer = finalizer;
        var encoded = new byte[5 * 32];
        DomainTypeHash.CopyTo(encoded, 0);
        Keccak256.Instance.Hash(Encoding.UTF8.GetBytes(DomainName), encoded.AsSpan(32, 32));
        Keccak256.Instance.Hash(Encoding.UTF8.GetBytes(DomainVersion), encoded.AsSpan(64, 32));
        AbiWords.WriteUInt256(chainId, encoded.AsSpan(96, 32));
        AbiWords.WriteAddress(finalizer, encoded.AsSpan(128, 32));
        _domainSeparator = Keccak256.Compute(encoded);
    }

    public BigInteger ChainId { get; }

    public string Finalizer { get; }

    /// <summary>hashStruct of the domain (a copy).</summary>
    public byte[] DomainSeparator => (byte[])_domainSeparator.Clone();

    /// <summary>hashStruct(Vote) = keccak256(typeHash ‖ proposal ‖ voter ‖ keccak256(choice) ‖ timestamp).</summary>
    public static void StructHash(ReadOnlySpan<byte> proposalId, ReadOnlySpan<byte> voter, ReadOnlySpan<byte> choiceHash, ulong timestamp, Span<byte> destination)
    {
        if (proposalId.Length != 32 || voter.Length != 20 || choiceHash.Length != 32)
        {
            throw new ArgumentException("The proposal id and choice hash are 32 bytes, the voter 20.");
        }

        Span<byte> encoded = stackalloc byte[5 * 32];
        encoded.Clear();
        VoteTypeHash.CopyTo(encoded);
        proposalId.CopyTo(encoded[32..]);
        voter.CopyTo(encoded[(64 + 12)..]);
        choiceHash.CopyTo(encoded[96..]);
        BinaryPrimitives.WriteUInt64BigEndian(encoded[(128 + 24)..], timestamp);
        Keccak256.Instance.Hash(encoded, destination);
    }

    /// <summary>The digest a wallet signs for the vote, written into <paramref name="destination"/> (32 bytes).</summary>
    public void Digest(ReadOnlySpan<byte> proposalId, ReadOnlySpan<byte> voter, ReadOnlySpan<byte> choiceHash, ulong timestamp, Span<byte> destination)
    {
        Span<byte> buffer = stackalloc byte[66];
        buffer[0] = 0x19;
        buffer[1] = 0x01;
        _domainSeparator.CopyTo(buffer[2..]);
        StructHash(proposalId, voter, choiceHash, timestamp, buffer[34..]);
        Keccak256.Instance.Hash(buffer, destination);
    }

    /// <summary>The digest a wallet signs for <paramref name="message"/>.</summary>
    public byte[] Digest(VoteMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var digest = new byte[32];
        Digest(message.ProposalId.Span, AbiWords.ParseAddress(message.Voter), Keccak256.Compute(Encoding.UTF8.GetBytes(message.Choice)), message.Timestamp, digest);
        return digest;
    }

    /// <summary>The typed data a wallet signs with <c>eth_signTypedData_v4</c> (numbers as JSON numbers, the proposal as 0x hex).</summary>
    public string ToJson(VoteMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.ProposalId.Length != 32 || !EvmAddress.IsValid(message.Voter))
        {
            throw ValidationException.For("voter", "The proposal id is 32 bytes and the voter an address.");
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("types");
            WriteDomainType(writer);
            WriteType(writer, "Vote", [("proposal", "bytes32"), ("voter", "address"), ("choice", "string"), ("timestamp", "uint64")]);
            writer.WriteEndObject();
            writer.WriteString("primaryType", "Vote");
            WriteDomain(writer);
            writer.WriteStartObject("message");
            writer.WriteString("proposal", Hex.Encode(message.ProposalId.Span));
            writer.WriteString("voter", message.Voter);
            writer.WriteString("choice", message.Choice);
            writer.WriteNumber("timestamp", message.Timestamp);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the <c>EIP712Domain</c> member of <c>types</c> (shared with the other typed data under this domain).</summary>
    internal static void WriteDomainType(Utf8JsonWriter writer) =>
        WriteType(writer, "EIP712Domain", [("name", "string"), ("version", "string"), ("chainId", "uint256"), ("verifyingContract", "address")]);

    /// <summary>Writes the <c>domain</c> member: name, version, chain id (a JSON number) and the finalizer.</summary>
    internal void WriteDomain(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("domain");
        writer.WriteString("name", DomainName);
        writer.WriteString("version", DomainVersion);
        writer.WritePropertyName("chainId");
        writer.WriteRawValue(ChainId.ToString(CultureInfo.InvariantCulture));
        writer.WriteString("verifyingContract", Finalizer);
        writer.WriteEndObject();
    }

    internal static void WriteType(Utf8JsonWriter writer, string name, (string Name, string Type)[] fields)
    {
        writer.WriteStartArray(name);
        foreach (var (fieldName, fieldType) in fields)
        {
            writer.WriteStartObject();
            writer.WriteString("name", fieldName);
            writer.WriteString("type", fieldType);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
