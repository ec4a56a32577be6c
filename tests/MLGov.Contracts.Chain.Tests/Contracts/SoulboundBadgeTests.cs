using System.Numerics;
using MLGov.Contracts.Chain.Tests.Infrastructure;
using MLGov.Contracts.OpenZeppelin;
using MLGov.Contracts.SoulboundBadge;
using MLGov.Core.Encoding;
using MLGov.Platform.Chain.Contracts;

namespace MLGov.Contracts.Chain.Tests.Contracts;

public sealed class SoulboundBadgeTests : IClassFixture<ContractsFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly ContractsFixture _f;

    public SoulboundBadgeTests(ContractsFixture fixture) => _f = fixture;

    [Fact]
    public async Task Mint_issues_a_locked_badge_and_emits_Transfer_Locked_and_BadgeIssued()
    {
        var badge = _f.Operator.Badge;
        var (type, credential) = (Ids.Hash("DataContributor"), Ids.New());

        var receipt = await badge.MintRequestAndWaitForReceiptAsync(_f.Alice.Address, type, credential, None);

        var issued = receipt.SingleEvent<BadgeIssuedEvent>(badge.ContractAddress);
        var tokenId = issued.TokenId;
        Assert.Equal(_f.Alice.Address, issued.Holder, ignoreCase: true);
        Assert.Equal(type, issued.BadgeType);
        Assert.Equal(credential, issued.CredentialId);
        var transfer = receipt.SingleEvent<TransferEvent>(badge.ContractAddress);
        Assert.Equal(Ids.ZeroAddress, transfer.From, ignoreCase: true);
        Assert.Equal(_f.Alice.Address, transfer.To, ignoreCase: true);
        Assert.Equal(tokenId, transfer.TokenId);
        Assert.Equal(tokenId, receipt.SingleEvent<LockedEvent>(badge.ContractAddress).TokenId);
        Assert.Empty(receipt.Events<UnlockedEvent>());

        Assert.True(await badge.LockedQueryAsync(tokenId, None));
        var stored = await badge.BadgeOfQueryAsync(tokenId, None);
        Assert.Equal(_f.Alice.Address, stored.Holder, ignoreCase: true);
        Assert.Equal(type, stored.BadgeType);
        Assert.Equal(credential, stored.CredentialId);
        Assert.True(stored.IssuedAt > 0);
        Assert.Equal(tokenId, await badge.TokenOfCredentialQueryAsync(credential, None));
        Assert.Equal(tokenId, await badge.TotalIssuedQueryAsync(None));
        Assert.Equal(_f.Alice.Address, await badge.OwnerOfQueryAsync(tokenId, None), ignoreCase: true);
        Assert.True(await badge.BalanceOfQueryAsync(_f.Alice.Address, None) >= 1);
        Assert.Equal(Ids.ZeroAddress, await badge.GetApprovedQueryAsync(tokenId, None), ignoreCase: true);
        Assert.False(await badge.IsApprovedForAllQueryAsync(_f.Alice.Address, _f.Bob.Address, None));
        Assert.Equal(string.Empty, await badge.TokenUriQueryAsync(tokenId, None));
        Assert.Equal("MLGov Badge", await badge.NameQueryAsync(None));
        Assert.Equal("MLGB", await badge.SymbolQueryAsync(None));
    }

    [Fact]
    public async Task Mint_is_refused_without_the_issuer_role_for_a_zero_credential_and_for_a_credential_with_a_live_badge()
    {
        var credential = Ids.New();
        var denied = await Revert.With<AccessControlUnauthorizedAccountError>(() => _f.Stranger.Badge.MintRequestAndWaitForReceiptAsync(_f.Stranger.Address, Ids.New(), credential, None));
        Assert.Equal(_f.Stranger.Address, denied.Account, ignoreCase: true);
        Assert.Equal(ContractRoles.Issuer, denied.NeededRole);

        await Revert.With<ZeroCredentialIdError>(() => _f.Operator.Badge.MintRequestAndWaitForReceiptAsync(_f.Alice.Address, Ids.New(), Ids.Zero, None));

        var first = (await _f.Operator.Badge.MintRequestAndWaitForReceiptAsync(_f.Alice.Address, Ids.New(), credential, None)).SingleEvent<BadgeIssuedEvent>().TokenId;
        var twice = await Revert.With<CredentialAlreadyBadgedError>(() => _f.Operator.Badge.MintRequestAndWaitForReceiptAsync(_f.Bob.Address, Ids.New(), credential, None));
        Assert.Equal(credential, twice.CredentialId);
        Assert.Equal(first, twice.TokenId);
    }

    [Fact]
    public async Task Revoke_burns_the_badge_frees_its_credential_and_ids_are_never_reused()
    {
        var badge = _f.Operator.Badge;
        var credential = Ids.New();
        var tokenId = (await badge.MintRequestAndWaitForReceiptAsync(_f.Bob.Address, Ids.New(), credential, None)).SingleEvent<BadgeIssuedEvent>().TokenId;

        var receipt = await badge.RevokeRequestAndWaitForReceiptAsync(tokenId, "credential revoked in status list", None);

        var revoked = receipt.SingleEvent<BadgeRevokedEvent>(badge.ContractAddress);
        Assert.Equal(tokenId, revoked.TokenId);
        Assert.Equal(_f.Bob.Address, revoked.Holder, ignoreCase: true);
        Assert.Equal(credential, revoked.CredentialId);
        Assert.Equal("credential revoked in status list", revoked.Reason);
        var burn = receipt.SingleEvent<TransferEvent>(badge.ContractAddress);
        Assert.Equal(_f.Bob.Address, burn.From, ignoreCase: true);
        Assert.Equal(Ids.ZeroAddress, burn.To, ignoreCase: true);
        Assert.Equal(tokenId, burn.TokenId);

        Assert.Equal(tokenId, (await Revert.With<ERC721NonexistentTokenError>(() => badge.LockedQueryAsync(tokenId, None))).TokenId);
        Assert.Equal(tokenId, (await Revert.With<ERC721NonexistentTokenError>(() => badge.BadgeOfQueryAsync(tokenId, None))).TokenId);
        Assert.Equal(BigInteger.Zero, await badge.TokenOfCredentialQueryAsync(credential, None));

        var again = (await badge.MintRequestAndWaitForReceiptAsync(_f.Bob.Address, Ids.New(), credential, None)).SingleEvent<BadgeIssuedEvent>().TokenId;
        Assert.True(again > tokenId);
    }

    [Fact]
    public async Task A_revoked_credential_is_never_badged_for_another_holder()
    {
        var badge = _f.Operator.Badge;
        var credential = Ids.New();
        var tokenId = (await badge.MintRequestAndWaitForReceiptAsync(_f.Alice.Address, Ids.New(), credential, None)).SingleEvent<BadgeIssuedEvent>().TokenId;
        await badge.RevokeRequestAndWaitForReceiptAsync(tokenId, "revoked", None);

        var refused = await Revert.With<CredentialOfAnotherHolderError>(() => badge.MintRequestAndWaitForReceiptAsync(_f.Bob.Address, Ids.New(), credential, None));

        Assert.Equal(credential, refused.CredentialId);
        Assert.Equal(_f.Alice.Address, refused.Holder, ignoreCase: true);
        Assert.Equal(_f.Alice.Address, await _f.Stranger.Badge.HolderOfCredentialQueryAsync(credential, None), ignoreCase: true);
    }

    [Fact]
    public async Task A_holder_burns_its_own_badge_and_nobody_else_can()
    {
        var credential = Ids.New();
        var tokenId = (await _f.Operator.Badge.MintRequestAndWaitForReceiptAsync(_f.Carol.Address, Ids.New(), credential, None)).SingleEvent<BadgeIssuedEvent>().TokenId;
        foreach (var other in new[] { _f.Operator, _f.Bob })
        {
            var refused = await Revert.With<NotBadgeHolderError>(() => other.Badge.BurnRequestAndWaitForReceiptAsync(tokenId, None));
            Assert.Equal((tokenId, other.Address.ToLowerInvariant()), (refused.TokenId, refused.Caller.ToLowerInvariant()));
        }

        var burned = (await _f.Carol.Badge.BurnRequestAndWaitForReceiptAsync(tokenId, None)).SingleEvent<BadgeBurnedEvent>();

        Assert.Equal(tokenId, burned.TokenId);
        Assert.Equal(credential, burned.CredentialId);
        Assert.Equal(_f.Carol.Address, burned.Holder, ignoreCase: true);
        Assert.Equal(BigInteger.Zero, await _f.Stranger.Badge.TokenOfCredentialQueryAsync(credential, None));
        Assert.Equal(tokenId, (await Revert.With<ERC721NonexistentTokenError>(() => _f.Stranger.Badge.LockedQueryAsync(tokenId, None))).TokenId);
    }

    [Fact]
    public async Task Revoke_is_refused_without_the_revoker_role_and_for_an_unknown_badge()
    {
        var tokenId = (await _f.Operator.Badge.MintRequestAndWaitForReceiptAsync(_f.Alice.Address, Ids.New(), Ids.New(), None)).SingleEvent<BadgeIssuedEvent>().TokenId;

        var denied = await Revert.With<AccessControlUnauthorizedAccountError>(() => _f.Alice.Badge.RevokeRequestAndWaitForReceiptAsync(tokenId, "mine", None));
        Assert.Equal(_f.Alice.Address, denied.Account, ignoreCase: true);
        Assert.Equal(ContractRoles.Revoker, denied.NeededRole);
        var unknown = tokenId + 1_000_000;
        Assert.Equal(unknown, (await Revert.With<ERC721NonexistentTokenError>(() => _f.Operator.Badge.RevokeRequestAndWaitForReceiptAsync(unknown, "x", None))).TokenId);
    }

    [Fact]
    public async Task A_badge_cannot_be_transferred_or_approved_by_its_holder()
    {
        var tokenId = (await _f.Operator.Badge.MintRequestAndWaitForReceiptAsync(_f.Alice.Address, Ids.New(), Ids.New(), None)).SingleEvent<BadgeIssuedEvent>().TokenId;
        var holder = _f.Alice.Badge;

        Assert.Equal(tokenId, (await Revert.With<BadgeNotTransferableError>(() => holder.TransferFromRequestAndWaitForReceiptAsync(_f.Alice.Address, _f.Bob.Address, tokenId, None))).TokenId);
        Assert.Equal(tokenId, (await Revert.With<BadgeNotTransferableError>(() => holder.SafeTransferFromRequestAndWaitForReceiptAsync(_f.Alice.Address, _f.Bob.Address, tokenId, null, None))).TokenId);
        Assert.Equal(tokenId, (await Revert.With<BadgeNotTransferableError>(() => holder.SafeTransferFromRequestAndWaitForReceiptAsync(_f.Alice.Address, _f.Bob.Address, tokenId, [1, 2, 3], None))).TokenId);
        await Revert.With<BadgeApprovalNotAllowedError>(() => holder.ApproveRequestAndWaitForReceiptAsync(_f.Bob.Address, tokenId, None));
        await Revert.With<BadgeApprovalNotAllowedError>(() => holder.SetApprovalForAllRequestAndWaitForReceiptAsync(_f.Bob.Address, true, None));
        Assert.Equal(Ids.ZeroAddress, (await Revert.With<ERC721InvalidReceiverError>(() => holder.TransferFromRequestAndWaitForReceiptAsync(_f.Alice.Address, Ids.ZeroAddress, tokenId, None))).Receiver, ignoreCase: true);
        Assert.Equal(tokenId + 999, (await Revert.With<ERC721NonexistentTokenError>(() => holder.TransferFromRequestAndWaitForReceiptAsync(_f.Alice.Address, _f.Bob.Address, tokenId + 999, None))).TokenId);
        // Not even an admin moves a badge.
        await Revert.With<BadgeNotTransferableError>(() => _f.Operator.Badge.TransferFromRequestAndWaitForReceiptAsync(_f.Alice.Address, _f.Bob.Address, tokenId, None));
        Assert.Equal(_f.Alice.Address, await holder.OwnerOfQueryAsync(tokenId, None), ignoreCase: true);
    }

    [Theory]
    [InlineData("b45a3c0e", true)] // ERC-5192
    [InlineData("80ac58cd", true)] // ERC-721
    [InlineData("5b5e139f", true)] // ERC-721 Metadata
    [InlineData("7965db0b", true)] // AccessControl
    [InlineData("01ffc9a7", true)] // ERC-165
    [InlineData("ffffffff", false)]
    [InlineData("780e9d63", false)] // ERC-721 Enumerable
    public async Task SupportsInterface_answers_ERC5192_and_the_inherited_interfaces(string interfaceId, bool expected)
    {
        Assert.Equal(expected, await _f.Stranger.Badge.SupportsInterfaceQueryAsync(Hex.Decode(interfaceId), None));
    }

    [Fact]
    public async Task Role_constants_are_the_keccak_of_their_names()
    {
        Assert.Equal(ContractRoles.Issuer, await _f.Stranger.Badge.IssuerRoleQueryAsync(None));
        Assert.Equal(ContractRoles.Revoker, await _f.Stranger.Badge.RevokerRoleQueryAsync(None));
    }
}
