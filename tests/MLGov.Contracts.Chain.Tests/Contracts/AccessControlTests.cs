using System.Numerics;
using MLGov.Contracts.Chain.Tests.Infrastructure;
using MLGov.Contracts.OpenZeppelin;
using MLGov.Operations.Deployment;
using MLGov.Platform.Chain;
using MLGov.Platform.Chain.Contracts;

namespace MLGov.Contracts.Chain.Tests.Contracts;

/// <summary>The OpenZeppelin AccessControl functions every contract inherits, through <see cref="AccessControlService"/>.</summary>
public sealed class AccessControlTests : IClassFixture<ContractsFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly ContractsFixture _f;

    public AccessControlTests(ContractsFixture fixture) => _f = fixture;

    public static TheoryData<string> ContractNames => ["SoulboundBadge", "AssetAnchorRegistry", "GovernanceFinalizer", "MerkleDistributor", "StakingPool", "InsurancePool", "Token"];

    [Theory]
    [MemberData(nameof(ContractNames))]
    public async Task The_operator_is_admin_and_every_role_is_administered_by_the_admin_role(string contract)
    {
        var service = Service(_f.Stranger, contract);

        Assert.Equal(ContractRoles.DefaultAdmin, await service.DefaultAdminRoleQueryAsync(None));
        Assert.True(await service.HasRoleQueryAsync(ContractRoles.DefaultAdmin, _f.Operator.Address, None));
        Assert.False(await service.HasRoleQueryAsync(ContractRoles.DefaultAdmin, _f.Stranger.Address, None));
        Assert.Equal(ContractRoles.DefaultAdmin, await service.GetRoleAdminQueryAsync(ContractRoles.Payer, None));
        Assert.Equal(ContractRoles.DefaultAdmin, await service.GetRoleAdminQueryAsync(ContractRoles.DefaultAdmin, None));
        Assert.True(await service.SupportsInterfaceQueryAsync([0x79, 0x65, 0xdb, 0x0b], None));
    }

    [Theory]
    [MemberData(nameof(ContractNames))]
    public async Task The_admin_grants_and_revokes_a_role_and_the_events_say_who(string contract)
    {
        var service = Service(_f.Operator, contract);
        var role = Ids.Hash("SOME_ROLE_" + contract);

        var granted = (await service.GrantRoleRequestAndWaitForReceiptAsync(role, _f.Carol.Address, None)).SingleEvent<RoleGrantedEvent>(service.ContractAddress);
        Assert.Equal(role, granted.Role);
        Assert.Equal(_f.Carol.Address, granted.Account, ignoreCase: true);
        Assert.Equal(_f.Operator.Address, granted.Sender, ignoreCase: true);
        Assert.True(await service.HasRoleQueryAsync(role, _f.Carol.Address, None));
        Assert.Empty((await service.GrantRoleRequestAndWaitForReceiptAsync(role, _f.Carol.Address, None)).Events<RoleGrantedEvent>());

        var revoked = (await service.RevokeRoleRequestAndWaitForReceiptAsync(role, _f.Carol.Address, None)).SingleEvent<RoleRevokedEvent>(service.ContractAddress);
        Assert.Equal(role, revoked.Role);
        Assert.Equal(_f.Carol.Address, revoked.Account, ignoreCase: true);
        Assert.Equal(_f.Operator.Address, revoked.Sender, ignoreCase: true);
        Assert.False(await service.HasRoleQueryAsync(role, _f.Carol.Address, None));
    }

    [Theory]
    [MemberData(nameof(ContractNames))]
    public async Task A_non_admin_can_neither_grant_nor_revoke(string contract)
    {
        var service = Service(_f.Stranger, contract);

        var grant = await Revert.With<AccessControlUnauthorizedAccountError>(() => service.GrantRoleRequestAndWaitForReceiptAsync(ContractRoles.Payer, _f.Stranger.Address, None));
        Assert.Equal(_f.Stranger.Address, grant.Account, ignoreCase: true);
        Assert.Equal(ContractRoles.DefaultAdmin, grant.NeededRole);
        var revoke = await Revert.With<AccessControlUnauthorizedAccountError>(() => service.RevokeRoleRequestAndWaitForReceiptAsync(ContractRoles.Payer, _f.Operator.Address, None));
        Assert.Equal(ContractRoles.DefaultAdmin, revoke.NeededRole);
    }

    public static TheoryData<string> GovernedNames => ["SoulboundBadge", "AssetAnchorRegistry", "GovernanceFinalizer", "MerkleDistributor", "StakingPool", "InsurancePool"];

    [Theory]
    [MemberData(nameof(GovernedNames))]
    public async Task The_admin_role_has_one_holder_and_changes_hands_only_in_two_steps_after_the_delay(string contract)
    {
        var admin = Service(_f.Operator, contract);
        var address = admin.ContractAddress;
        var chain = _f.Operator.Chain;
        Assert.Equal(_f.Operator.Address, await chain.QueryValueAsync<DefaultAdminFunction, string>(address, new DefaultAdminFunction(), None), ignoreCase: true);
        Assert.Equal(new BigInteger(GovernanceDeploymentOptions.DefaultAdminTransferDelay), await chain.QueryValueAsync<DefaultAdminDelayFunction, BigInteger>(address, new DefaultAdminDelayFunction(), None));

        // one step is refused, even for the admin
        await Revert.With<AccessControlEnforcedDefaultAdminRulesError>(() => admin.GrantRoleRequestAndWaitForReceiptAsync(ContractRoles.DefaultAdmin, _f.Carol.Address, None));
        await Revert.With<AccessControlEnforcedDefaultAdminRulesError>(() => admin.RevokeRoleRequestAndWaitForReceiptAsync(ContractRoles.DefaultAdmin, _f.Operator.Address, None));
        Assert.Equal(BigInteger.Zero, (await Revert.With<AccessControlEnforcedDefaultAdminDelayError>(() => admin.RenounceRoleRequestAndWaitForReceiptAsync(ContractRoles.DefaultAdmin, _f.Operator.Address, None))).Schedule);

        // begin: the new admin must wait the delay before accepting
        var begun = new ContractReceipt(await chain.SendAsync(address, new BeginDefaultAdminTransferFunction { NewAdmin = _f.Carol.Address }, None));
        var scheduled = begun.SingleEvent<DefaultAdminTransferScheduledEvent>(address);
        Assert.Equal(_f.Carol.Address, scheduled.NewAdmin, ignoreCase: true);
        Assert.Equal(new BigInteger(await _f.Anvil.LatestTimestampAsync()) + GovernanceDeploymentOptions.DefaultAdminTransferDelay, scheduled.AcceptSchedule);
        var early = await Revert.With<AccessControlEnforcedDefaultAdminDelayError>(() => _f.Carol.Chain.SendAsync(address, new AcceptDefaultAdminTransferFunction(), None));
        Assert.Equal(scheduled.AcceptSchedule, early.Schedule);
        Assert.Equal(_f.Stranger.Address, (await Revert.With<AccessControlInvalidDefaultAdminError>(() => _f.Stranger.Chain.SendAsync(address, new AcceptDefaultAdminTransferFunction(), None))).DefaultAdmin, ignoreCase: true);

        // the admin withdraws it; the fixture keeps its admin
        Assert.Single(new ContractReceipt(await chain.SendAsync(address, new CancelDefaultAdminTransferFunction(), None)).Events<DefaultAdminTransferCanceledEvent>(address));
        Assert.Equal(_f.Operator.Address, await chain.QueryValueAsync<DefaultAdminFunction, string>(address, new DefaultAdminFunction(), None), ignoreCase: true);
    }

    [Theory]
    [MemberData(nameof(ContractNames))]
    public async Task A_holder_renounces_its_own_role_only(string contract)
    {
        var role = Ids.Hash("RENOUNCED_" + contract);
        await Service(_f.Operator, contract).GrantRoleRequestAndWaitForReceiptAsync(role, _f.Bob.Address, None);
        var bob = Service(_f.Bob, contract);

        await Revert.With<AccessControlBadConfirmationError>(() => bob.RenounceRoleRequestAndWaitForReceiptAsync(role, _f.Alice.Address, None));
        var revoked = (await bob.RenounceRoleRequestAndWaitForReceiptAsync(role, _f.Bob.Address, None)).SingleEvent<RoleRevokedEvent>(bob.ContractAddress);

        Assert.Equal(role, revoked.Role);
        Assert.Equal(_f.Bob.Address, revoked.Account, ignoreCase: true);
        Assert.Equal(_f.Bob.Address, revoked.Sender, ignoreCase: true);
        Assert.False(await bob.HasRoleQueryAsync(role, _f.Bob.Address, None));
    }

    private AccessControlService Service(TestAccount account, string contract) => new(account.Chain, contract switch
    {
        "SoulboundBadge" => _f.Contracts.SoulboundBadge,
        "AssetAnchorRegistry" => _f.Contracts.AssetAnchorRegistry,
        "GovernanceFinalizer" => _f.Contracts.GovernanceFinalizer,
        "MerkleDistributor" => _f.Contracts.MerkleDistributor,
        "StakingPool" => _f.Contracts.StakingPool,
        "InsurancePool" => _f.Contracts.InsurancePool,
        _ => _f.Contracts.Token,
    });
}
