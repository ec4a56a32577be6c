using System.Numerics;
using MLGov.Contracts.GovernanceFinalizer;

namespace MLGov.Platform.Chain.Contracts;

/// <summary>Typed access to a deployed GovernanceFinalizer.</summary>
public sealed class GovernanceFinalizerService : AccessControlService, IGovernanceFinalizerService
{
    private const string ZeroAddress = "0x0000000000000000000000000000000000000000";

    public GovernanceFinalizerService(IChainClient chain, string contractAddress)
        : base(chain, contractAddress)
    {
    }

    public Task<byte[]> FinalizerRoleQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<FinalizerRoleFunction, byte[]>(new FinalizerRoleFunction(), cancellationToken);

    public Task<string> BondTokenQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<BondTokenFunction, string>(new BondTokenFunction(), cancellationToken);

    public Task<BigInteger> ProposalBondQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<ProposalBondFunction, BigInteger>(new ProposalBondFunction(), cancellationToken);

    public Task<BigInteger> DisputeBondQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<DisputeBondFunction, BigInteger>(new DisputeBondFunction(), cancellationToken);

    public Task<ulong> FinalizationPeriodQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<FinalizationPeriodFunction, ulong>(new FinalizationPeriodFunction(), cancellationToken);

    public Task<ulong> ChallengeWindowQueryAsync(CancellationToken cancellationToken) =>
        QueryValueAsync<ChallengeWindowFunction, ulong>(new ChallengeWindowFunction(), cancellationToken);

    public Task<ContractReceipt> PostResultRequestAndWaitForReceiptAsync(byte[] proposalId, byte[] resultHash, byte[] votesRoot, string? target, byte[]? callData, CancellationToken cancellationToken) =>
        SendAsync(new PostResultFunction { ProposalId = proposalId, ResultHash = resultHash, VotesRoot = votesRoot, Target = target ?? ZeroAddress, CallData = callData ?? [] }, cancellationToken);

    public Task<ContractReceipt> DisputeRequestAndWaitForReceiptAsync(byte[] proposalId, string reason, CancellationToken cancellationToken) =>
        SendAsync(new DisputeFunction { ProposalId = proposalId, Reason = reason }, cancellationToken);

    public Task<ContractReceipt> FinalizeRequestAndWaitForReceiptAsync(byte[] proposalId, CancellationToken cancellationToken) =>
        SendAsync(new FinalizeFunction { ProposalId = proposalId }, cancellationToken);

    public Task<ContractReceipt> ResolveDisputeRequestAndWaitForReceiptAsync(byte[] proposalId, bool resultStands, string reason, CancellationToken cancellationToken) =>
        SendAsync(new ResolveDisputeFunction { ProposalId = proposalId, ResultStands = resultStands, Reason = reason }, cancellationToken);

    public Task<ContractReceipt> ExpireRequestAndWaitForReceiptAsync(byte[] proposalId, CancellationToken cancellationToken) =>
        SendAsync(new ExpireFunction { ProposalId = proposalId }, cancellationToken);

    public Task<ContractReceipt> CancelRequestAndWaitForReceiptAsync(byte[] proposalId, string reason, CancellationToken cancellationToken) =>
        SendAsync(new CancelFunction { ProposalId = proposalId, Reason = reason }, cancellationToken);

    public Task<GetResultBondsOutput> GetResultBondsQueryAsync(byte[] proposalId, CancellationToken cancellationToken) =>
        QueryAsync<GetResultBondsFunction, GetResultBondsOutput>(new GetResultBondsFunction { ProposalId = proposalId }, cancellationToken);

    public Task<bool> VerifyVoteQueryAsync(byte[] proposalId, string voter, byte[] choiceHash, BigInteger weight, IReadOnlyList<byte[]> proof, CancellationToken cancellationToken) =>
        QueryValueAsync<VerifyVoteFunction, bool>(new VerifyVoteFunction { ProposalId = proposalId, Voter = voter, ChoiceHash = choiceHash, Weight = weight, Proof = [.. proof] }, cancellationToken);

    public Task<byte[]> VoteLeafQueryAsync(byte[] proposalId, string voter, byte[] choiceHash, BigInteger weight, CancellationToken cancellationToken) =>
        QueryValueAsync<VoteLeafFunction, byte[]>(new VoteLeafFunction { ProposalId = proposalId, Voter = voter, ChoiceHash = choiceHash, Weight = weight }, cancellationToken);

    public Task<GetResultOutput> GetResultQueryAsync(byte[] proposalId, CancellationToken cancellationToken) =>
        QueryAsync<GetResultFunction, GetResultOutput>(new GetResultFunction { ProposalId = proposalId }, cancellationToken);
}
