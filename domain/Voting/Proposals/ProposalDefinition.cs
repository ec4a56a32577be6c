using System.Numerics;
using System.Text.Json.Nodes;
using MLGov.Core.Encoding;
using MLGov.Voting.Domain.Choices;
using MLGov.Voting.Domain.Spaces;
using MLGov.Voting.Domain.Tally;

namespace MLGov.Voting.Domain.Proposals;

/// <summary>
/// A proposal's terms, fixed when it is created: everything a vote is checked against and the tally needs, the chain
/// side (chain id and finalizer, from the space) included, so that anyone can redo the tally from these terms and the
/// exported votes. <see cref="Id"/> is the 32-byte id (0x hex) the votes sign and the finalizer knows the result by.
/// </summary>
public sealed record ProposalDefinition(
    string Id,
    string Space,
    string Title,
    string Body,
    IReadOnlyList<string> Choices,
    string Type,
    JsonArray Strategies,
    long Snapshot,
    DateTimeOffset Start,
    DateTimeOffset End,
    QuorumSetting Quorum,
    int PassThreshold,
    Eligibility? Eligibility,
    bool VotesMayChange,
    ExecutionCall? Execution,
    long ChainId,
    string Finalizer,
    string Author,
    DateTimeOffset CreatedAt,
    ShieldedTerms? Shielded = null)
{
    public VotingType ParsedType() => VotingTypes.TryParse(Type, out var type) ? type : throw new InvalidDataException($"Unknown voting type '{Type}'.");

    public byte[] IdBytes() => Hex.Decode(Id);

    /// <summary>Whether votes are taken at <paramref name="now"/>: from the start (inclusive) to the end (exclusive).</summary>
    public bool IsOpenAt(DateTimeOffset now) => now >= Start && now < End;

    /// <summary>The tally settings of these terms; <paramref name="totalWeight"/> is needed only for a quorum in basis points.</summary>
    public TallySettings TallySettings(BigInteger? totalWeight = null) => new(
        IdBytes(),
        ChainId,
        Finalizer,
        ParsedType(),
        Choices.Count,
        Quorum.Kind switch
        {
            "absolute" => QuorumRule.Absolute(SpaceRules.ParseInteger(Quorum.Value)),
            "basis-points" => QuorumRule.BasisPoints(int.Parse(Quorum.Value, System.Globalization.CultureInfo.InvariantCulture)),
            _ => QuorumRule.None,
        },
        PassThreshold,
        VotesMayChange,
        totalWeight);
}

/// <summary>
/// A shielded proposal's key: the X25519 public key ballots are encrypted to, the threshold t, the Feldman commitments
/// of the split (secp256k1 points, hex) and each keyholder's share sealed to that keyholder's encryption key. The private
/// key is not stored; once t keyholders have handed in their shares it is rebuilt and published in <see cref="RevealedKey"/>.
/// </summary>
public sealed record ShieldedTerms(
    string PublicKey,
    int Threshold,
    IReadOnlyList<string> Commitments,
    IReadOnlyList<SealedShare> Shares,
    string? RevealedKey = null);

/// <summary>Keyholder <see cref="Did"/>'s share number <see cref="Index"/>, encrypted to its encryption key (ephemeral key and ciphertext, base64url).</summary>
public sealed record SealedShare(string Did, int Index, string EphemeralKey, string Ciphertext);
