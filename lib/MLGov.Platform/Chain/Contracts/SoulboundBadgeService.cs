using System.Numerics;
using MLGov.Contracts.SoulboundBadge;

namespace MLGov.Platform.Chain.Contracts;

/// <summary>Typed access to a deployed SoulboundBadge.</summary>
public sealed class SoulboundBadgeService : AccessControlService, ISoulboundBadgeService
{
    public SoulboundBadgeService(IChainClient chain, string contractAddress)
        : base(chain, contractAddress)
    {
    }

    public Task<byte[]> IssuerRoleQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<IssuerRoleFunction, byte[]>(new IssuerRoleFunction(), cancellationToken);

    public Task<byte[]> RevokerRoleQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<RevokerRoleFunction, byte[]>(new RevokerRoleFunction(), cancellationToken);

    public Task<ContractReceipt> MintRequestAndWaitForReceiptAsync(string holder, byte[] badgeType, byte[] credentialId, CancellationToken cancellationToken) =>
        SendAsync(new MintFunction { Holder = holder, BadgeType = badgeType, CredentialId = credentialId }, cancellationToken);

    public Task<ContractReceipt> RevokeRequestAndWaitForReceiptAsync(BigInteger tokenId, string reason, CancellationToken cancellationToken) =>
        SendAsync(new RevokeFunction { TokenId = tokenId, Reason = reason }, cancellationToken);

    public Task<bool> LockedQueryAsync(BigInteger tokenId, CancellationToken cancellationToken) =>
        QueryValueAsync<LockedFunction, bool>(new LockedFunction { TokenId = tokenId }, cancellationToken);

    public Task<BadgeOfOutput> BadgeOfQueryAsync(BigInteger tokenId, CancellationToken cancellationToken) =>
        QueryAsync<BadgeOfFunction, BadgeOfOutput>(new BadgeOfFunction { TokenId = tokenId }, cancellationToken);

    public Task<ContractReceipt> BurnRequestAndWaitForReceiptAsync(BigInteger tokenId, CancellationToken cancellationToken) =>
        SendAsync(new BurnFunction { TokenId = tokenId }, cancellationToken);

    public Task<string> HolderOfCredentialQueryAsync(byte[] credentialId, CancellationToken cancellationToken) =>
        QueryValueAsync<HolderOfCredentialFunction, string>(new HolderOfCredentialFunction { CredentialId = credentialId }, cancellationToken);

    public Task<BigInteger> TokenOfCredentialQueryAsync(byte[] credentialId, CancellationToken cancellationToken) =>
        QueryValueAsync<TokenOfCredentialFunction, BigInteger>(new TokenOfCredentialFunction { CredentialId = credentialId }, cancellationToken);

    public Task<BigInteger> TotalIssuedQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<TotalIssuedFunction, BigInteger>(new TotalIssuedFunction(), cancellationToken);

    public Task<BigInteger> BalanceOfQueryAsync(string owner, CancellationToken cancellationToken) =>
        QueryValueAsync<BalanceOfFunction, BigInteger>(new BalanceOfFunction { Owner = owner }, cancellationToken);

    public Task<string> OwnerOfQueryAsync(BigInteger tokenId, CancellationToken cancellationToken) =>
        QueryValueAsync<OwnerOfFunction, string>(new OwnerOfFunction { TokenId = tokenId }, cancellationToken);

    public Task<string> NameQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<NameFunction, string>(new NameFunction(), cancellationToken);

    public Task<string> SymbolQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<SymbolFunction, string>(new SymbolFunction(), cancellationToken);

    public Task<string> TokenUriQueryAsync(BigInteger tokenId, CancellationToken cancellationToken) =>
        QueryValueAsync<TokenURIFunction, string>(new TokenURIFunction { TokenId = tokenId }, cancellationToken);

    public Task<string> GetApprovedQueryAsync(BigInteger tokenId, CancellationToken cancellationToken) =>
        QueryValueAsync<GetApprovedFunction, string>(new GetApprovedFunction { TokenId = tokenId }, cancellationToken);

    public Task<bool> IsApprovedForAllQueryAsync(string owner, string operatorAddress, CancellationToken cancellationToken) =>
        QueryValueAsync<IsApprovedForAllFunction, bool>(new IsApprovedForAllFunction { Owner = owner, Operator = operatorAddress }, cancellationToken);

    public Task<ContractReceipt> ApproveRequestAndWaitForReceiptAsync(string recipient, BigInteger tokenId, CancellationToken cancellationToken) =>
        SendAsync(new ApproveFunction { To = recipient, TokenId = tokenId }, cancellationToken);

    public Task<ContractReceipt> SetApprovalForAllRequestAndWaitForReceiptAsync(string operatorAddress, bool approved, CancellationToken cancellationToken) =>
        SendAsync(new SetApprovalForAllFunction { Operator = operatorAddress, Approved = approved }, cancellationToken);

    public Task<ContractReceipt> TransferFromRequestAndWaitForReceiptAsync(string from, string recipient, BigInteger tokenId, CancellationToken cancellationToken) =>
        SendAsync(new TransferFromFunction { From = from, To = recipient, TokenId = tokenId }, cancellationToken);

    public Task<ContractReceipt> SafeTransferFromRequestAndWaitForReceiptAsync(string from, string recipient, BigInteger tokenId, byte[]? data, CancellationToken cancellationToken) =>
        data is null
            ? SendAsync(new SafeTransferFromFunction { From = from, To = recipient, TokenId = tokenId }, cancellationToken)
            : SendAsync(new SafeTransferFromWithDataFunction { From = from, To = recipient, TokenId = tokenId, Data = data }, cancellationToken);
}
