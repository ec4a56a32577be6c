using System.Numerics;
using Microsoft.Extensions.Logging.Abstractions;
using MLGov.Contracts.Chain.Tests.Infrastructure;
using MLGov.Operations.Deployment;
using MLGov.Platform.Chain;
using MLGov.Platform.Chain.Contracts;
using MLGov.Platform.Chain.Transactions;

namespace MLGov.Contracts.Chain.Tests.Deployment;

/// <summary>
/// A deployment with one account per app: each app's key holds its own roles and nothing else, so a
/// compromised or buggy app cannot act in another app's role, and the deployer holds no app role.
/// </summary>
public sealed class AppAccountsTests : IClassFixture<ContractsFixture>, IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly ContractsFixture _f;
    private readonly Dictionary<string, TestAccount> _apps = new(StringComparer.Ordinal);
    private TestAccount _deployer = null!;
    private DeployedContracts _contracts = null!;

    public AppAccountsTests(ContractsFixture fixture) => _f = fixture;

    /// <summary>The role-gated calls, by the role they need, and the app whose role it is.</summary>
    private static readonly (string Role, string App)[] Roles =
    [
        ("ISSUER_ROLE", "identity"), ("REVOKER_ROLE", "identity"), ("REGISTRAR_ROLE", "registry"), ("FINALIZER_ROLE", "voting"),
        ("DISTRIBUTOR_ROLE", "finance"), ("UNDERWRITER_ROLE", "finance"), ("PAYER_ROLE", "finance"), ("SLASHER_ROLE", "risk"),
    ];

    public async Task InitializeAsync()
    {
        _deployer = await _f.NewAccountAsync("deployer");
        foreach (var app in AppAccounts.Apps)
        {
            _apps[app] = await _f.NewAccountAsync(app);
        }

        var record = await new GovernanceDeployer(_deployer.Chain, NullLogger<GovernanceDeployer>.Instance).DeployAsync(
            new GovernanceDeploymentOptions
            {
                RpcUrl = _f.RpcUrl,
                DeployTestToken = true,
                AppAccounts = AppAccounts.From(_apps.ToDictionary(a => a.Key, a => a.Value.Address)),
            },
            None);
        _contracts = DeployedContracts.From(record);
        foreach (var (app, account) in _apps)
        {
            Assert.Equal(account.Address, record.AppAccounts![app], ignoreCase: true);
        }
    }

    public Task DisposeAsync()
    {
        foreach (var account in _apps.Values.Append(_deployer))
        {
            account.Dispose();
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task Each_role_is_held_by_its_app_account_alone_and_not_by_the_deployer()
    {
        foreach (var (role, owner) in Roles)
        {
            var access = new AccessControlService(_deployer.Chain, ContractOf(role));
            var id = ContractRoles.Of(role);
            foreach (var (app, account) in _apps)
            {
                Assert.True(await access.HasRoleQueryAsync(id, account.Address, None) == (app == owner), $"{app} and {role}");
            }

            Assert.False(await access.HasRoleQueryAsync(id, _deployer.Address, None), $"the deployer holds {role}");
        }
    }

    [Fact]
    public async Task Every_app_key_is_refused_for_every_role_that_is_not_its_own()
    {
        var refusals = 0;
        foreach (var (role, owner) in Roles)
        {
            foreach (var (app, account) in _apps.Where(a => a.Key != owner))
            {
                var revert = await Assert.ThrowsAsync<ChainRevertException>(() => CallNeeding(role, account));
                Assert.True(ContractErrors.NameOf(revert.RevertData) == "AccessControlUnauthorizedAccount", $"{app} calling as {role}: {ContractErrors.Describe(revert.RevertData)}");
                Assert.Contains(account.Address[2..].ToLowerInvariant(), revert.RevertData!, StringComparison.Ordinal);
                refusals++;
            }
        }

        Assert.Equal(Roles.Length * 4, refusals);
    }

    private string ContractOf(string role) => role switch
    {
        "ISSUER_ROLE" or "REVOKER_ROLE" => _contracts.SoulboundBadge,
        "REGISTRAR_ROLE" => _contracts.AssetAnchorRegistry,
        "FINALIZER_ROLE" => _contracts.GovernanceFinalizer,
        "DISTRIBUTOR_ROLE" => _contracts.MerkleDistributor,
        "SLASHER_ROLE" => _contracts.StakingPool,
        _ => _contracts.InsurancePool,
    };

    private Task<ContractReceipt> CallNeeding(string role, TestAccount caller)
    {
        var chain = caller.Chain;
        var id = new byte[32];
        Random.Shared.NextBytes(id);
        return role switch
        {
            "ISSUER_ROLE" => new SoulboundBadgeService(chain, _contracts.SoulboundBadge).MintRequestAndWaitForReceiptAsync(caller.Address, id, id, None),
            "REVOKER_ROLE" => new SoulboundBadgeService(chain, _contracts.SoulboundBadge).RevokeRequestAndWaitForReceiptAsync(BigInteger.One, "test", None),
            "REGISTRAR_ROLE" => new AssetAnchorRegistryService(chain, _contracts.AssetAnchorRegistry).AnchorForRequestAndWaitForReceiptAsync(caller.Address, id, id, [], id, BigInteger.One, new byte[65], None),
            "FINALIZER_ROLE" => new GovernanceFinalizerService(chain, _contracts.GovernanceFinalizer).PostResultRequestAndWaitForReceiptAsync(id, id, id, null, null, None),
            "DISTRIBUTOR_ROLE" => new MerkleDistributorService(chain, _contracts.MerkleDistributor).PostRootRequestAndWaitForReceiptAsync(_contracts.Token, id, BigInteger.One, None),
            "SLASHER_ROLE" => new StakingPoolService(chain, _contracts.StakingPool).ProposeSlashRequestAndWaitForReceiptAsync(caller.Address, id, BigInteger.One, id, 1, "test", None),
            "UNDERWRITER_ROLE" => new InsurancePoolService(chain, _contracts.InsurancePool).CreatePolicyRequestAndWaitForReceiptAsync(id, caller.Address, id, BigInteger.One, BigInteger.One, ulong.MaxValue / 2, None),
            _ => new InsurancePoolService(chain, _contracts.InsurancePool).PayClaimRequestAndWaitForReceiptAsync(id, id, 1, BigInteger.One, None),
        };
    }
}
