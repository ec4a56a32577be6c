using System.Numerics;

namespace MLGov.Voting.Domain.Weights;

/// <summary>
/// One credential, one vote: value 1 when the voter holds a verified, unrevoked credential of
/// <paramref name="CredentialType"/> issued by one of <paramref name="Issuers"/> (DIDs), else 0; the weight is
/// <c>Multiplier</c>. Whether a voter holds one is decided by the service (it verifies the presentation); this record
/// is the rule. There is no divisor (it could only turn the 1 into 0).
/// </summary>
public sealed record CredentialStrategy(string CredentialType, IReadOnlyList<string> Issuers, BigInteger Multiplier)
    : WeightStrategy(Multiplier, BigInteger.One)
{
    /// <inheritdoc/>
    public override WeightStrategyKind Kind => WeightStrategyKind.Credential;

    /// <summary>Equal when the type, the issuers (in order) and the multiplier are.</summary>
    public bool Equals(CredentialStrategy? other) =>
        other is not null
        && string.Equals(CredentialType, other.CredentialType, StringComparison.Ordinal)
        && (Issuers ?? []).SequenceEqual(other.Issuers ?? [], StringComparer.Ordinal)
        && Multiplier == other.Multiplier;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(CredentialType, Issuers?.Count, Multiplier);

    internal override string SourceKey =>
        "credential|" + CredentialType + "|" + string.Join(",", (Issuers ?? []).Order(StringComparer.Ordinal));
}
