namespace MLGov.Infra.Tests.Policy;

/// <summary>The five function apps and the secrets each reads.</summary>
public static class MLGovApps
{
    public const string OperatorKeySecret = "chain-operator-key";
    public const string IssuerKeySecret = "vc-issuer-key";

    public static IReadOnlyList<string> Names { get; } = ["identity", "registry", "voting", "finance", "risk"];

    /// <summary>Every app signs chain transactions; only Identity issues credentials.</summary>
    public static IReadOnlyList<string> SecretsOf(string app) =>
        string.Equals(app, "identity", StringComparison.Ordinal) ? [OperatorKeySecret, IssuerKeySecret] : [OperatorKeySecret];
}
