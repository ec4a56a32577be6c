using System.Numerics;
using System.Text.Json.Nodes;

namespace MLGov.Voting.Domain.Spaces;

/// <summary>
/// A space: a community's voting settings. <see cref="Admins"/> (DIDs) may change the space; <see cref="Proposers"/>
/// says who may open proposals; <see cref="Defaults"/> are the voting settings a proposal takes unless it names its own;
/// <see cref="Strategies"/> are the weight strategies (see docs/voting.md); <see cref="ChainId"/>, <see cref="Finalizer"/>
/// (the GovernanceFinalizer votes are signed for and results are posted to) and <see cref="Token"/> (the governance
/// token) name the chain side; <see cref="Keyholders"/> hold the shares of shielded proposals' keys.
/// </summary>
public sealed record SpaceDefinition(
    string Id,
    string Name,
    IReadOnlyList<string> Admins,
    ProposerRule Proposers,
    VotingDefaults Defaults,
    JsonArray Strategies,
    long ChainId,
    string Finalizer,
    string? Token,
    IReadOnlyList<Keyholder> Keyholders);

/// <summary>
/// Who may open a proposal: the holder of a credential of <see cref="CredentialType"/> from one of <see cref="Issuers"/>
/// (shown by a presentation), or a DID whose weight at the proposal's snapshot is at least <see cref="MinimumWeight"/>
/// (a decimal integer), or both rules (either suffices). Space admins may always propose.
/// </summary>
public sealed record ProposerRule(string? CredentialType = null, IReadOnlyList<string>? Issuers = null, string? MinimumWeight = null)
{
    public BigInteger? MinimumWeightValue => MinimumWeight is null ? null : BigInteger.Parse(MinimumWeight, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The voting settings a proposal of the space takes unless it names its own.</summary>
public sealed record VotingDefaults(
    string Type = "single-choice",
    long VotingPeriodSeconds = 7 * 24 * 3600,
    QuorumSetting? Quorum = null,
    int PassThreshold = 0,
    bool VotesMayChange = false,
    Eligibility? Eligibility = null);

/// <summary>A quorum: <c>none</c>, <c>absolute</c> (a weight, decimal integer) or <c>basis-points</c> (of the total eligible weight).</summary>
public sealed record QuorumSetting(string Kind, string Value);

/// <summary>Who may vote beyond having weight: the holder of a credential of <see cref="CredentialType"/> from one of <see cref="Issuers"/>.</summary>
public sealed record Eligibility(string CredentialType, IReadOnlyList<string> Issuers);

/// <summary>A keyholder of shielded proposals: a DID (who signs share submissions) and the X25519 key (base64url) its share is sealed to.</summary>
public sealed record Keyholder(string Did, string EncryptionKey);
