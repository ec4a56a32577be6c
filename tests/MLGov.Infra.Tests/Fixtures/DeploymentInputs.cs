namespace MLGov.Infra.Tests.Fixtures;

/// <summary>
/// The environment the tests compile the parameter files with. The two keys are canaries: they must
/// reach nothing but the Key Vault secrets (and the snapshot never even shows those, as the values
/// are secure parameters).
/// </summary>
public static class DeploymentInputs
{
    public const string SubscriptionId = "00000000-0000-0000-0000-000000000001";
    public const string TenantId = "00000000-0000-0000-0000-0000000000aa";
    public const string ResourceGroup = "rg-mlgov-test";
    public const string Location = "westeurope";
    public const string RpcUrl = "https://rpc.example.invalid";
    public const string ChainId = "11155111";
    public const string EntraClientId = "11111111-2222-3333-4444-555555555555";
    public const string OperatorKeyCanary = "c0ffee0000000000000000000000000000000000000000000000000000c0ffee";
    public const string IssuerKeyCanary = "canary-vc-issuer-key-5b1e9d";

    public static IReadOnlyDictionary<string, string> Contracts { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["GovernanceFinalizer"] = "0x1111111111111111111111111111111111111111",
        ["RevenueDistributor"] = "0x2222222222222222222222222222222222222222",
    };

    public static IReadOnlyDictionary<string, string> Environment(string? profile = null)
    {
        var contracts = "{" + string.Join(",", Contracts.Select(c => $"\"{c.Key}\":\"{c.Value}\"")) + "}";
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AZURE_ENV_NAME"] = "mlgov-test",
            ["AZURE_LOCATION"] = Location,
            ["MLGOV_CHAIN_RPC_URL"] = RpcUrl,
            ["MLGOV_CHAIN_ID"] = ChainId,
            ["MLGOV_CONTRACTS"] = contracts,
            ["MLGOV_ENTRA_CLIENT_ID"] = EntraClientId,
            ["MLGOV_CHAIN_OPERATOR_KEY"] = OperatorKeyCanary,
            ["MLGOV_VC_ISSUER_KEY"] = IssuerKeyCanary,
        };
        if (profile is not null)
        {
            environment["MLGOV_PROFILE"] = profile;
        }

        return environment;
    }
}
