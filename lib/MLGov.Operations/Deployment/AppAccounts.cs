using MLGov.Core.Encoding;

namespace MLGov.Operations.Deployment;

/// <summary>
/// The chain account of each app. The deployer grants each exactly the roles its app needs, and no
/// other account gets them, so a key can act only in its own app's role:
/// <list type="table">
/// <item><term>identity</term><description>SoulboundBadge ISSUER_ROLE, REVOKER_ROLE</description></item>
/// <item><term>registry</term><description>AssetAnchorRegistry REGISTRAR_ROLE</description></item>
/// <item><term>voting</term><description>GovernanceFinalizer FINALIZER_ROLE</description></item>
/// <item><term>finance</term><description>MerkleDistributor DISTRIBUTOR_ROLE; InsurancePool UNDERWRITER_ROLE, PAYER_ROLE</description></item>
/// <item><term>risk</term><description>StakingPool SLASHER_ROLE</description></item>
/// </list>
/// </summary>
public sealed record AppAccounts(string Identity, string Registry, string Voting, string Finance, string Risk)
{
    /// <summary>The apps, in this order, as named in configuration and records.</summary>
    public static IReadOnlyList<string> Apps { get; } = ["identity", "registry", "voting", "finance", "risk"];

    /// <summary>Every app mapped to one account: only for tests of the contracts themselves, where one account plays every app.</summary>
    public static AppAccounts AllTo(string account) => new(account, account, account, account, account);

    /// <summary>From an app → address map with exactly the five apps.</summary>
    public static AppAccounts From(IReadOnlyDictionary<string, string> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var unknown = accounts.Keys.Except(Apps, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new DeploymentException($"Unknown app(s) {string.Join(", ", unknown)}; the apps are {string.Join(", ", Apps)}.");
        }

        string Get(string app) => accounts.TryGetValue(app, out var address)
            ? address
            : throw new DeploymentException($"No account for the {app} app: give one per app ({string.Join(", ", Apps)}).");
        return new AppAccounts(Get("identity"), Get("registry"), Get("voting"), Get("finance"), Get("risk"));
    }

    public IReadOnlyDictionary<string, string> ToDictionary() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["identity"] = Identity,
        ["registry"] = Registry,
        ["voting"] = Voting,
        ["finance"] = Finance,
        ["risk"] = Risk,
    };

    /// <summary>Throws when an account is not an address.</summary>
    public void Validate()
    {
        foreach (var (app, address) in ToDictionary())
        {
            try
            {
                AbiWords.ParseAddress(address);
            }
            catch (FormatException exception)
            {
                throw new DeploymentException($"The {app} account '{address}' is not an address (0x followed by 40 hex digits).", exception);
            }
        }
    }
}
