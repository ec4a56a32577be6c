using System.Numerics;
using MLGov.Contracts.Chain.Tests.Infrastructure;
using MLGov.Contracts.GovernanceFinalizer;
using MLGov.Contracts.OpenZeppelin;
using MLGov.Contracts.SoulboundBadge;
using MLGov.Core.Hashing;
using MLGov.Core.Merkle;
using MLGov.Platform.Chain;
using MLGov.Platform.Chain.Contracts;
using Nethereum.Contracts;

namespace MLGov.Contracts.Chain.Tests.Contracts;

public sealed class GovernanceFinalizerTests : IClassFixture<ContractsFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly ContractsFixture _f;

    public GovernanceFinalizerTests(ContractsFixture fixture) => _f = fixture;

    [Fact]
    public async Task PostResult_opens_the_challenge_window()
    {
        var finalizer = _f.Operator.Finalizer;
        var (proposal, result, root) = (Ids.New(), Ids.New(), Ids.New());

        var posted = (await finalizer.PostResultRequestAndWaitForReceiptAsync(proposal, result, root, null, null, None)).SingleEvent<ResultPostedEvent>(finalizer.ContractAddress);

        var now = await _f.Anvil.LatestTimestampAsync();
        Assert.Equal(proposal, posted.ProposalId);
        Assert.Equal(1U, posted.Round);
        Assert.Equal(result, posted.ResultHash);
        Assert.Equal(root, posted.VotesRoot);
        Assert.Equal(now + ContractsFixture.ChallengeWindow, posted.ChallengeDeadline);
        Assert.Equal(Ids.ZeroAddress, posted.Target, ignoreCase: true);
        Assert.Empty(posted.CallData);
        var stored = await finalizer.GetResultQueryAsync(proposal, None);
        Assert.Equal((byte)ResultStatus.Posted, stored.Status);
        Assert.Equal(1U, stored.Round);
        Assert.Equal(result, stored.ResultHash);
        Assert.Equal(root, stored.VotesRoot);
        Assert.Equal(now, stored.PostedAt);
        Assert.Equal(posted.ChallengeDeadline, stored.ChallengeDeadline);
        Assert.Equal(ContractsFixture.ChallengeWindow, await finalizer.ChallengeWindowQueryAsync(None));
        Assert.Equal(ContractRoles.Finalizer, await finalizer.FinalizerRoleQueryAsync(None));
        Assert.Equal(_f.Contracts.Token, await finalizer.BondTokenQueryAsync(None), ignoreCase: true);
        Assert.Equal((new BigInteger(ContractsFixture.ProposalBond), new BigInteger(ContractsFixture.DisputeBond)), (await finalizer.ProposalBondQueryAsync(None), await finalizer.DisputeBondQueryAsync(None)));
        Assert.Equal(ContractsFixture.FinalizationPeriod, await finalizer.FinalizationPeriodQueryAsync(None));
        var bonds = await finalizer.GetResultBondsQueryAsync(proposal, None);
        Assert.Equal(posted.ChallengeDeadline + ContractsFixture.FinalizationPeriod, bonds.ExpiresAt);
        Assert.Equal(_f.Operator.Address, bonds.Proposer, ignoreCase: true);
    }

    [Fact]
    public async Task Finalize_inside_the_window_reverts_after_it_anyone_finalizes_once()
    {
        var proposal = Ids.New();
        var (result, root) = (Ids.New(), Ids.New());
        var deadline = (await _f.Operator.Finalizer.PostResultRequestAndWaitForReceiptAsync(proposal, result, root, null, null, None)).SingleEvent<ResultPostedEvent>().ChallengeDeadline;

        var early = await Revert.With<ChallengeWindowOpenError>(() => _f.Stranger.Finalizer.FinalizeRequestAndWaitForReceiptAsync(proposal, None));
        Assert.Equal(proposal, early.ProposalId);
        Assert.Equal(deadline, early.ChallengeDeadline);

        await _f.Anvil.AdvanceTimeAsync(ContractsFixture.ChallengeWindow);
        var finalized = (await _f.Stranger.Finalizer.FinalizeRequestAndWaitForReceiptAsync(proposal, None)).SingleEvent<ResultFinalizedEvent>();

        Assert.Equal(proposal, finalized.ProposalId);
        Assert.Equal(1U, finalized.Round);
        Assert.Equal(result, finalized.ResultHash);
        Assert.Equal(root, finalized.VotesRoot);
        Assert.Equal(_f.Stranger.Address, finalized.Executor, ignoreCase: true);
        Assert.False(finalized.CallExecuted);
        Assert.Equal((byte)ResultStatus.Finalized, (await _f.Stranger.Finalizer.GetResultQueryAsync(proposal, None)).Status);
        Assert.Equal(proposal, (await Revert.With<AlreadyFinalizedError>(() => _f.Stranger.Finalizer.FinalizeRequestAndWaitForReceiptAsync(proposal, None))).ProposalId);
        Assert.Equal(proposal, (await Revert.With<AlreadyFinalizedError>(() => _f.Operator.Finalizer.PostResultRequestAndWaitForReceiptAsync(proposal, Ids.New(), Ids.New(), null, null, None))).ProposalId);
        await Revert.With<AlreadyFinalizedError>(() => _f.Operator.Finalizer.DisputeRequestAndWaitForReceiptAsync(proposal, "late", None));
    }

    [Fact]
    public async Task A_disputed_result_is_never_finalized_governance_rejects_it_and_a_different_result_starts_a_new_round()
    {
        var proposal = Ids.New();
        var (firstResult, firstRoot) = (Ids.New(), Ids.New());
        await _f.Operator.Finalizer.PostResultRequestAndWaitForReceiptAsync(proposal, firstResult, firstRoot, null, null, None);
        var aliceBefore = await _f.Stranger.Token.BalanceOfQueryAsync(_f.Alice.Address, None);

        var disputed = (await _f.Alice.Finalizer.DisputeRequestAndWaitForReceiptAsync(proposal, "tally excludes valid votes", None)).SingleEvent<ResultDisputedEvent>();

        Assert.Equal(proposal, disputed.ProposalId);
        Assert.Equal(1U, disputed.Round);
        Assert.Equal(_f.Alice.Address, disputed.Challenger, ignoreCase: true);
        Assert.Equal("tally excludes valid votes", disputed.Reason);
        Assert.Equal((byte)ResultStatus.Disputed, (await _f.Stranger.Finalizer.GetResultQueryAsync(proposal, None)).Status);
        await Revert.With<ResultIsDisputedError>(() => _f.Bob.Finalizer.DisputeRequestAndWaitForReceiptAsync(proposal, "again", None));
        await _f.Anvil.AdvanceTimeAsync(ContractsFixture.ChallengeWindow);
        Assert.Equal(proposal, (await Revert.With<ResultIsDisputedError>(() => _f.Stranger.Finalizer.FinalizeRequestAndWaitForReceiptAsync(proposal, None))).ProposalId);
        await Revert.With<AccessControlUnauthorizedAccountError>(() => _f.Alice.Finalizer.ResolveDisputeRequestAndWaitForReceiptAsync(proposal, false, "mine", None));

        var resolved = (await _f.Operator.Finalizer.ResolveDisputeRequestAndWaitForReceiptAsync(proposal, false, "the vote found the tally wrong", None)).SingleEvent<DisputeResolvedEvent>();

        Assert.False(resolved.ResultStands);
        Assert.Equal(_f.Alice.Address, resolved.Winner, ignoreCase: true);
        Assert.Equal(aliceBefore + ContractsFixture.ProposalBond, await _f.Stranger.Token.BalanceOfQueryAsync(_f.Alice.Address, None));
        Assert.Equal((byte)ResultStatus.Rejected, (await _f.Stranger.Finalizer.GetResultQueryAsync(proposal, None)).Status);
        Assert.Equal(proposal, (await Revert.With<ResultRejectedBeforeError>(() => _f.Operator.Finalizer.PostResultRequestAndWaitForReceiptAsync(proposal, firstResult, firstRoot, null, null, None))).ProposalId);

        var (result, root) = (Ids.New(), Ids.New());
        var reposted = (await _f.Operator.Finalizer.PostResultRequestAndWaitForReceiptAsync(proposal, result, root, null, null, None)).SingleEvent<ResultPostedEvent>();
        Assert.Equal(2U, reposted.Round);
        await _f.Anvil.AdvanceTimeAsync(ContractsFixture.ChallengeWindow);
        var finalized = (await _f.Stranger.Finalizer.FinalizeRequestAndWaitForReceiptAsync(proposal, None)).SingleEvent<ResultFinalizedEvent>();
        Assert.Equal(2U, finalized.Round);
        Assert.Equal(result, finalized.ResultHash);
    }

    [Fact]
    public async Task Dispute_after_the_window_or_of_nothing_or_without_the_bond_is_refused_and_an_unfinalized_result_expires()
    {
        var proposal = Ids.New();
        var deadline = (await _f.Operator.Finalizer.PostResultRequestAndWaitForReceiptAsync(proposal, Ids.New(), Ids.New(), null, null, None)).SingleEvent<ResultPostedEvent>().ChallengeDeadline;

        var broke = await _f.NewAccountAsync("no-bond");
        var noBond = await Revert.With<MLGov.Contracts.TestToken.ERC20InsufficientAllowanceError>(() => broke.Finalizer.DisputeRequestAndWaitForReceiptAsync(proposal, "no", None));
        Assert.Equal(new BigInteger(ContractsFixture.DisputeBond), noBond.Needed);
        var unknown = Ids.New();
        Assert.Equal(unknown, (await Revert.With<ResultNotPostedError>(() => _f.Operator.Finalizer.DisputeRequestAndWaitForReceiptAsync(unknown, "no", None))).ProposalId);
        Assert.Equal(unknown, (await Revert.With<ResultNotPostedError>(() => _f.Operator.Finalizer.FinalizeRequestAndWaitForReceiptAsync(unknown, None))).ProposalId);

        await _f.Anvil.AdvanceTimeAsync(ContractsFixture.ChallengeWindow);
        var closed = await Revert.With<ChallengeWindowClosedError>(() => _f.Operator.Finalizer.DisputeRequestAndWaitForReceiptAsync(proposal, "too late", None));
        Assert.Equal(proposal, closed.ProposalId);
        Assert.Equal(deadline, closed.ChallengeDeadline);

        await _f.Anvil.AdvanceTimeAsync(ContractsFixture.FinalizationPeriod);
        var expired = await Revert.With<ResultExpiredError>(() => _f.Stranger.Finalizer.FinalizeRequestAndWaitForReceiptAsync(proposal, None));
        Assert.Equal(deadline + ContractsFixture.FinalizationPeriod, expired.ExpiresAt);
        var operatorBefore = await _f.Stranger.Token.BalanceOfQueryAsync(_f.Operator.Address, None);
        Assert.Equal(proposal, (await _f.Stranger.Finalizer.ExpireRequestAndWaitForReceiptAsync(proposal, None)).SingleEvent<ResultExpiredAtEvent>().ProposalId);
        Assert.Equal(operatorBefore + ContractsFixture.ProposalBond, await _f.Stranger.Token.BalanceOfQueryAsync(_f.Operator.Address, None));
        Assert.Equal((byte)ResultStatus.Expired, (await _f.Stranger.Finalizer.GetResultQueryAsync(proposal, None)).Status);
    }

    [Fact]
    public async Task PostResult_is_refused_without_the_role_for_empty_values_bad_targets_and_while_a_result_stands()
    {
        var finalizer = _f.Operator.Finalizer;
        var denied = await Revert.With<AccessControlUnauthorizedAccountError>(() => _f.Stranger.Finalizer.PostResultRequestAndWaitForReceiptAsync(Ids.New(), Ids.New(), Ids.New(), null, null, None));
        Assert.Equal(_f.Stranger.Address, denied.Account, ignoreCase: true);
        Assert.Equal(ContractRoles.Finalizer, denied.NeededRole);
        await Revert.With<EmptyResultError>(() => finalizer.PostResultRequestAndWaitForReceiptAsync(Ids.Zero, Ids.New(), Ids.New(), null, null, None));
        await Revert.With<EmptyResultError>(() => finalizer.PostResultRequestAndWaitForReceiptAsync(Ids.New(), Ids.Zero, Ids.New(), null, null, None));
        await Revert.With<EmptyResultError>(() => finalizer.PostResultRequestAndWaitForReceiptAsync(Ids.New(), Ids.New(), Ids.Zero, null, null, None));
        await Revert.With<CallDataWithoutTargetError>(() => finalizer.PostResultRequestAndWaitForReceiptAsync(Ids.New(), Ids.New(), Ids.New(), null, [1], None));
        Assert.Equal(_f.Carol.Address, (await Revert.With<TargetNotContractError>(() => finalizer.PostResultRequestAndWaitForReceiptAsync(Ids.New(), Ids.New(), Ids.New(), _f.Carol.Address, [1], None))).Target, ignoreCase: true);

        var proposal = Ids.New();
        await finalizer.PostResultRequestAndWaitForReceiptAsync(proposal, Ids.New(), Ids.New(), null, null, None);
        Assert.Equal(proposal, (await Revert.With<ResultAlreadyPostedError>(() => finalizer.PostResultRequestAndWaitForReceiptAsync(proposal, Ids.New(), Ids.New(), null, null, None))).ProposalId);
    }

    [Fact]
    public async Task Finalize_runs_the_recorded_call()
    {
        var target = (await _f.Operator.Chain.DeployAsync(new SoulboundBadgeDeployment { Name = "Target", Symbol = "T", Admin = _f.Contracts.GovernanceFinalizer }, None)).ContractAddress;
        var call = new GrantRoleFunction { Role = ContractRoles.Issuer, Account = _f.Carol.Address }.GetCallData();
        var proposal = Ids.New();

        var posted = (await _f.Operator.Finalizer.PostResultRequestAndWaitForReceiptAsync(proposal, Ids.New(), Ids.New(), target, call, None)).SingleEvent<ResultPostedEvent>();
        Assert.Equal(target, posted.Target, ignoreCase: true);
        Assert.Equal(call, posted.CallData);
        Assert.Equal(call, (await _f.Stranger.Finalizer.GetResultQueryAsync(proposal, None)).CallData);
        await _f.Anvil.AdvanceTimeAsync(ContractsFixture.ChallengeWindow);

        var receipt = await _f.Stranger.Finalizer.FinalizeRequestAndWaitForReceiptAsync(proposal, None);

        Assert.True(receipt.SingleEvent<ResultFinalizedEvent>().CallExecuted);
        var granted = receipt.SingleEvent<RoleGrantedEvent>(target);
        Assert.Equal(_f.Carol.Address, granted.Account, ignoreCase: true);
        Assert.Equal(_f.Contracts.GovernanceFinalizer, granted.Sender, ignoreCase: true);
        Assert.True(await new SoulboundBadgeService(_f.Stranger.Chain, target).HasRoleQueryAsync(ContractRoles.Issuer, _f.Carol.Address, None));
    }

    [Fact]
    public async Task A_failing_recorded_call_reverts_finalize_with_the_callee_error_and_leaves_the_result_posted()
    {
        // The finalizer is not admin of the registry, so the recorded grantRole fails.
        var target = _f.Contracts.AssetAnchorRegistry;
        var call = new GrantRoleFunction { Role = ContractRoles.Registrar, Account = _f.Carol.Address }.GetCallData();
        var proposal = Ids.New();
        await _f.Operator.Finalizer.PostResultRequestAndWaitForReceiptAsync(proposal, Ids.New(), Ids.New(), target, call, None);
        await _f.Anvil.AdvanceTimeAsync(ContractsFixture.ChallengeWindow);

        var failed = await Revert.With<FinalizationCallFailedError>(() => _f.Stranger.Finalizer.FinalizeRequestAndWaitForReceiptAsync(proposal, None));

        Assert.Equal(proposal, failed.ProposalId);
        Assert.Equal(target, failed.Target, ignoreCase: true);
        var inner = new ChainRevertException("callee", Nethereum.Hex.HexConvertors.Extensions.HexByteConvertorExtensions.ToHex(failed.ReturnData, true)).DecodeError<AccessControlUnauthorizedAccountError>();
        Assert.Equal(_f.Contracts.GovernanceFinalizer, inner.Account, ignoreCase: true);
        Assert.Equal(ContractRoles.DefaultAdmin, inner.NeededRole);
        Assert.Equal((byte)ResultStatus.Posted, (await _f.Stranger.Finalizer.GetResultQueryAsync(proposal, None)).Status);
    }

    [Fact]
    public async Task A_vote_proof_built_by_the_CSharp_tree_verifies_on_chain_and_a_tampered_one_does_not()
    {
        var (yes, no) = (Keccak256.Compute("yes"u8), Keccak256.Compute("no"u8));
        var proposal = Ids.New();
        var votes = Enumerable.Range(0, 11)
            .Select(i => new ProposalVote(_f.ChainId, _f.Contracts.GovernanceFinalizer, proposal, Nethereum.Signer.EthECKey.GenerateKey().GetPublicAddress(), i % 3 == 0 ? no : yes, new BigInteger(10 + (i * 7))))
            .ToArray();
        var tree = new StandardMerkleTree<ProposalVote>(votes, ProposalVoteLeafEncoder.Instance);
        var finalizer = _f.Stranger.Finalizer;
        Assert.False(await finalizer.VerifyVoteQueryAsync(proposal, votes[0].Voter, yes, votes[0].Weight, tree.GetProof(0), None));
        await _f.Operator.Finalizer.PostResultRequestAndWaitForReceiptAsync(proposal, Ids.New(), tree.Root, null, null, None);
        Assert.False(await finalizer.VerifyVoteQueryAsync(proposal, votes[0].Voter, votes[0].ChoiceHash.ToArray(), votes[0].Weight, tree.GetProof(0), None)); // not final yet
        await _f.Anvil.AdvanceTimeAsync(ContractsFixture.ChallengeWindow);
        await finalizer.FinalizeRequestAndWaitForReceiptAsync(proposal, None);

        for (var i = 0; i < votes.Length; i++)
        {
            var vote = votes[i];
            Assert.Equal(tree.LeafHash(i), await finalizer.VoteLeafQueryAsync(proposal, vote.Voter, vote.ChoiceHash.ToArray(), vote.Weight, None));
            Assert.True(await finalizer.VerifyVoteQueryAsync(proposal, vote.Voter, vote.ChoiceHash.ToArray(), vote.Weight, tree.GetProof(i), None), $"vote {i}");
        }

        var proof = tree.GetProof(4).Select(p => (byte[])p.Clone()).ToList();
        Assert.False(await finalizer.VerifyVoteQueryAsync(proposal, votes[4].Voter, votes[4].ChoiceHash.ToArray(), votes[4].Weight + 1, proof, None));
        Assert.False(await finalizer.VerifyVoteQueryAsync(proposal, votes[4].Voter, no.SequenceEqual(votes[4].ChoiceHash.ToArray()) ? yes : no, votes[4].Weight, proof, None));
        proof[0][0] ^= 0x80;
        Assert.False(await finalizer.VerifyVoteQueryAsync(proposal, votes[4].Voter, votes[4].ChoiceHash.ToArray(), votes[4].Weight, proof, None));
    }
}
