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

    internal override string SourceKey =>
        "credential|" + CredentialType + "|" + string.Join(",", (Issuers ?? []).Order(StringComparer.Ordinal));
}
