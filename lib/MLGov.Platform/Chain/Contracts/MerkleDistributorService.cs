using System.Numerics;
using MLGov.Contracts.MerkleDistributor;

namespace MLGov.Platform.Chain.Contracts;

/// <summary>Typed access to a deployed MerkleDistributor.</summary>
public sealed class MerkleDistributorService : GuardianPausableService, IMerkleDistributorService
{
    public MerkleDistributorService(IChainClient chain, string contractAddress)
        : base(chain, contractAddress)
    {
    }

    public Task<byte[]> DistributorRoleQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<DistributorRoleFunction, byte[]>(new DistributorRoleFunction(), cancellationToken);

    public Task<ContractReceipt> PostRootRequestAndWaitForReceiptAsync(string token, byte[] root, BigInteger totalCumulative, CancellationToken cancellationToken) =>
        SendAsync(new PostRootFunction { Token = token, Root = root, TotalCumulative = totalCumulative }, cancellationToken);

    public Task<ContractReceipt> ClaimRequestAndWaitForReceiptAsync(string account, string token, BigInteger cumulativeAmount, IReadOnlyList<byte[]> proof, CancellationToken cancellationToken) =>
        SendAsync(new ClaimFunction { Account = account, Token = token, CumulativeAmount = cumulativeAmount, Proof = [.. proof] }, cancellationToken);

    public Task<ulong> ChallengeWindowQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<ChallengeWindowFunction, ulong>(new ChallengeWindowFunction(), cancellationToken);

    public Task<ContractReceipt> DisputeRootRequestAndWaitForReceiptAsync(string token, string reason, CancellationToken cancellationToken) =>
        SendAsync(new DisputeRootFunction { Token = token, Reason = reason }, cancellationToken);

    public Task<ContractReceipt> ActivateRootRequestAndWaitForReceiptAsync(string token, CancellationToken cancellationToken) =>
        SendAsync(new ActivateRootFunction { Token = token }, cancellationToken);

    public Task<GetPendingRootOutput> GetPendingRootQueryAsync(string token, CancellationToken cancellationToken) =>
        QueryAsync<GetPendingRootFunction, GetPendingRootOutput>(new GetPendingRootFunction { Token = token }, cancellationToken);

    public Task<GetDistributionOutput> GetDistributionQueryAsync(string token, CancellationToken cancellationToken) =>
        QueryAsync<GetDistributionFunction, GetDistributionOutput>(new GetDistributionFunction { Token = token }, cancellationToken);

    public Task<BigInteger> ClaimedQueryAsync(string token, string account, CancellationToken cancellationToken) =>
        QueryValueAsync<ClaimedFunction, BigInteger>(new ClaimedFunction { Token = token, Account = account }, cancellationToken);

    public Task<byte[]> LeafHashQueryAsync(string account, string token, BigInteger cumulativeAmount, CancellationToken cancellationToken) =>
        QueryValueAsync<LeafHashFunction, byte[]>(new LeafHashFunction { Account = account, Token = token, CumulativeAmount = cumulativeAmount }, cancellationToken);
}
