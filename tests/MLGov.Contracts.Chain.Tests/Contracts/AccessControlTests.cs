using MLGov.Contracts.Chain.Tests.Infrastructure;
using MLGov.Contracts.OpenZeppelin;
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
        var revoke = await Revert.With<AccessControlUnauthorizedAccountError>(() => service.RevokeRoleRequestAndWaitForReceiptAsync(ContractRoles.DefaultAdmin, _f.Operator.Address, None));
        Assert.Equal(ContractRoles.DefaultAdmin, revoke.NeededRole);
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
