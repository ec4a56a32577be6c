using System.Numerics;

namespace MLGov.Voting.Domain.Weights;

/// <summary>
/// One credential, one vote: value 1 when the voter holds a verified, unrevoked credential that meets the rule, else 0;
/// the weight is <c>Multiplier</c>. The rule is a credential of <paramref name="CredentialType"/> issued by one of
/// <paramref name="Issuers"/> (DIDs), or, when both are null, the proposal's own eligibility credential. Whether a voter
/// holds one is decided by the service (it verifies the presentation); this record is the rule. There is no divisor (it
/// could only turn the 1 into 0).
/// </summary>
public sealed record CredentialStrategy(string? CredentialType, IReadOnlyList<string>? Issuers, BigInteger Multiplier)
    : WeightStrategy(Multiplier, BigInteger.One)
{
    /// <summary>The strategy that counts the proposal's eligibility credential.</summary>
    public static CredentialStrategy Eligibility(BigInteger multiplier) => new(null, null, multiplier);

    /// <inheritdoc/>
    public override WeightStrategyKind Kind => WeightStrategyKind.Credential;

    /// <summary>Whether the rule is the proposal's eligibility credential (no type and issuers of its own).</summary>
    public bool IsEligibility => CredentialType is null && Issuers is null;

    /// <summary>Equal when the type, the issuers (in order) and the multiplier are.</summary>
    public bool Equals(CredentialStrategy? other) =>
        other is not null
        && string.Equals(CredentialType, other.CredentialType, StringComparison.Ordinal)
        && (Issuers is null ? other.Issuers is null : other.Issuers is not null && Issuers.SequenceEqual(other.Issuers, StringComparer.Ordinal))
        && Multiplier == other.Multiplier;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(CredentialType, Issuers?.Count, Multiplier);

    internal override string SourceKey =>
        IsEligibility ? "credential|eligibility" : "credential|" + CredentialType + "|" + string.Join(",", (Issuers ?? []).Order(StringComparer.Ordinal));
}
