using System.Numerics;
using MLGov.Contracts.Chain.Tests.Infrastructure;
using MLGov.Contracts.MerkleDistributor;
using MLGov.Contracts.OpenZeppelin;
using MLGov.Core.Merkle;
using MLGov.Platform.Chain.Contracts;
using Erc20 = MLGov.Contracts.TestToken;

namespace MLGov.Contracts.Chain.Tests.Contracts;

public sealed class MerkleDistributorTests : IClassFixture<ContractsFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly ContractsFixture _f;

    public MerkleDistributorTests(ContractsFixture fixture) => _f = fixture;

    [Fact]
    public async Task PostRoot_starts_epoch_1_and_pulls_the_funding_from_the_poster()
    {
        var token = await FreshToken.DeployAsync(_f, 1_000_000, _f.Contracts.MerkleDistributor);
        var tree = Tree(token, (_f.Alice.Address, 100), (_f.Bob.Address, 250), (_f.Carol.Address, 650));
        var distributor = _f.Operator.Distributor;

        var receipt = await distributor.PostRootRequestAndWaitForReceiptAsync(token, tree.Root, 1000, None);

        var posted = receipt.SingleEvent<RootPostedEvent>(distributor.ContractAddress);
        Assert.Equal(token, posted.Token, ignoreCase: true);
        Assert.Equal(1UL, posted.Epoch);
        Assert.Equal(tree.Root, posted.Root);
        Assert.Equal(new BigInteger(1000), posted.TotalCumulative);
        Assert.Equal(new BigInteger(1000), posted.Funded);
        var pulled = receipt.SingleEvent<Erc20.TransferEvent>(token);
        Assert.Equal(_f.Operator.Address, pulled.From, ignoreCase: true);
        Assert.Equal(distributor.ContractAddress, pulled.To, ignoreCase: true);
        Assert.Equal(new BigInteger(1000), pulled.Value);
        var state = await distributor.GetDistributionQueryAsync(token, None);
        Assert.Equal(tree.Root, state.Root);
        Assert.Equal(1UL, state.Epoch);
        Assert.Equal(await _f.Anvil.LatestTimestampAsync(), state.ActivatedAt); // the fixture's distributor has no challenge window
        Assert.Equal(state.ActivatedAt, posted.ActivatesAt);
        Assert.Equal(new BigInteger(1000), state.TotalFunded);
        Assert.Equal(new BigInteger(1000), state.TotalCumulative);
        Assert.Equal(BigInteger.Zero, state.TotalClaimed);
        Assert.Equal(new BigInteger(1000), await new Erc20Service(_f.Stranger.Chain, token).BalanceOfQueryAsync(distributor.ContractAddress, None));
        Assert.Equal(ContractRoles.Distributor, await distributor.DistributorRoleQueryAsync(None));
    }

    [Fact]
    public async Task A_claim_with_a_CSharp_proof_pays_the_account_once()
    {
        var token = await FreshToken.DeployAsync(_f, 1_000_000, _f.Contracts.MerkleDistributor);
        var tree = Tree(token, (_f.Alice.Address, 100), (_f.Bob.Address, 250), (_f.Carol.Address, 650));
        await _f.Operator.Distributor.PostRootRequestAndWaitForReceiptAsync(token, tree.Root, 1000, None);
        var submitter = _f.Stranger.Distributor; // anyone may submit; the tokens go to the account

        var receipt = await submitter.ClaimRequestAndWaitForReceiptAsync(_f.Bob.Address, token, 250, tree.GetProof(1), None);

        var claimed = receipt.SingleEvent<ClaimedEvent>(submitter.ContractAddress);
        Assert.Equal(_f.Bob.Address, claimed.Account, ignoreCase: true);
        Assert.Equal(token, claimed.Token, ignoreCase: true);
        Assert.Equal(1UL, claimed.Epoch);
        Assert.Equal(new BigInteger(250), claimed.Amount);
        Assert.Equal(new BigInteger(250), claimed.CumulativeAmount);
        var paid = receipt.SingleEvent<Erc20.TransferEvent>(token);
        Assert.Equal(_f.Bob.Address, paid.To, ignoreCase: true);
        Assert.Equal(new BigInteger(250), paid.Value);
        Assert.Equal(new BigInteger(250), await submitter.ClaimedQueryAsync(token, _f.Bob.Address, None));
        Assert.Equal(new BigInteger(250), (await submitter.GetDistributionQueryAsync(token, None)).TotalClaimed);
        Assert.Equal(tree.LeafHash(1), await submitter.LeafHashQueryAsync(_f.Bob.Address, token, 250, None));

        var twice = await Revert.With<NothingToClaimError>(() => submitter.ClaimRequestAndWaitForReceiptAsync(_f.Bob.Address, token, 250, tree.GetProof(1), None));
        Assert.Equal(_f.Bob.Address, twice.Account, ignoreCase: true);
        Assert.Equal(token, twice.Token, ignoreCase: true);
        Assert.Equal(new BigInteger(250), twice.CumulativeAmount);
        Assert.Equal(new BigInteger(250), twice.AlreadyClaimed);
    }

    [Fact]
    public async Task A_tampered_proof_or_amount_is_refused_with_InvalidProof()
    {
        var token = await FreshToken.DeployAsync(_f, 1_000_000, _f.Contracts.MerkleDistributor);
        var tree = Tree(token, (_f.Alice.Address, 100), (_f.Bob.Address, 250), (_f.Carol.Address, 650));
        await _f.Operator.Distributor.PostRootRequestAndWaitForReceiptAsync(token, tree.Root, 1000, None);
        var tampered = tree.GetProof(2).Select(p => (byte[])p.Clone()).ToList();
        tampered[^1][31] ^= 0x01;

        var invalid = await Revert.With<InvalidProofError>(() => _f.Carol.Distributor.ClaimRequestAndWaitForReceiptAsync(_f.Carol.Address, token, 650, tampered, None));
        Assert.Equal(_f.Carol.Address, invalid.Account, ignoreCase: true);
        Assert.Equal(token, invalid.Token, ignoreCase: true);
        Assert.Equal(new BigInteger(650), invalid.CumulativeAmount);
        Assert.Equal(new BigInteger(651), (await Revert.With<InvalidProofError>(() => _f.Carol.Distributor.ClaimRequestAndWaitForReceiptAsync(_f.Carol.Address, token, 651, tree.GetProof(2), None))).CumulativeAmount);
        await Revert.With<InvalidProofError>(() => _f.Carol.Distributor.ClaimRequestAndWaitForReceiptAsync(_f.Alice.Address, token, 650, tree.GetProof(2), None));
        Assert.Equal(BigInteger.Zero, await _f.Stranger.Distributor.ClaimedQueryAsync(token, _f.Carol.Address, None));
    }

    [Fact]
    public async Task A_later_epoch_pays_only_the_increase_and_stale_proofs_fail()
    {
        var token = await FreshToken.DeployAsync(_f, 1_000_000, _f.Contracts.MerkleDistributor);
        var first = Tree(token, (_f.Alice.Address, 100), (_f.Bob.Address, 250), (_f.Carol.Address, 650));
        await _f.Operator.Distributor.PostRootRequestAndWaitForReceiptAsync(token, first.Root, 1000, None);
        await _f.Alice.Distributor.ClaimRequestAndWaitForReceiptAsync(_f.Alice.Address, token, 100, first.GetProof(0), None);
        var second = Tree(token, (_f.Alice.Address, 300), (_f.Bob.Address, 250), (_f.Carol.Address, 650), (_f.Stranger.Address, 100));

        var posted = (await _f.Operator.Distributor.PostRootRequestAndWaitForReceiptAsync(token, second.Root, 1300, None)).SingleEvent<RootPostedEvent>();

        Assert.Equal(2UL, posted.Epoch);
        Assert.Equal(new BigInteger(300), posted.Funded);
        var alice = (await _f.Alice.Distributor.ClaimRequestAndWaitForReceiptAsync(_f.Alice.Address, token, 300, second.GetProof(0), None)).SingleEvent<ClaimedEvent>();
        Assert.Equal(2UL, alice.Epoch);
        Assert.Equal(new BigInteger(200), alice.Amount);
        Assert.Equal(new BigInteger(300), alice.CumulativeAmount);
        // Bob skipped epoch 1 and claims everything against the latest root.
        Assert.Equal(new BigInteger(250), (await _f.Bob.Distributor.ClaimRequestAndWaitForReceiptAsync(_f.Bob.Address, token, 250, second.GetProof(1), None)).SingleEvent<ClaimedEvent>().Amount);
        await Revert.With<InvalidProofError>(() => _f.Carol.Distributor.ClaimRequestAndWaitForReceiptAsync(_f.Carol.Address, token, 650, first.GetProof(2), None));
        var state = await _f.Stranger.Distributor.GetDistributionQueryAsync(token, None);
        Assert.Equal(new BigInteger(550), state.TotalClaimed);
        Assert.Equal(state.TotalCumulative - state.TotalClaimed, await new Erc20Service(_f.Stranger.Chain, token).BalanceOfQueryAsync(_f.Contracts.MerkleDistributor, None));
    }

    [Fact]
    public async Task A_tree_that_promises_more_than_was_posted_cannot_pay_more_than_was_posted()
    {
        var token = await FreshToken.DeployAsync(_f, 1_000_000, _f.Contracts.MerkleDistributor);
        var tree = Tree(token, (_f.Alice.Address, 600), (_f.Bob.Address, 600));
        await _f.Operator.Distributor.PostRootRequestAndWaitForReceiptAsync(token, tree.Root, 1000, None);
        await _f.Alice.Distributor.ClaimRequestAndWaitForReceiptAsync(_f.Alice.Address, token, 600, tree.GetProof(0), None);

        var exceeds = await Revert.With<ClaimExceedsPostedError>(() => _f.Bob.Distributor.ClaimRequestAndWaitForReceiptAsync(_f.Bob.Address, token, 600, tree.GetProof(1), None));

        Assert.Equal(token, exceeds.Token, ignoreCase: true);
        Assert.Equal(new BigInteger(600), exceeds.Amount);
        Assert.Equal(new BigInteger(400), exceeds.Available);
    }

    [Fact]
    public async Task PostRoot_is_refused_without_the_role_for_zero_values_a_decreasing_total_and_missing_funding()
    {
        var token = await FreshToken.DeployAsync(_f, 1000, _f.Contracts.MerkleDistributor);
        var distributor = _f.Operator.Distributor;

        var denied = await Revert.With<AccessControlUnauthorizedAccountError>(() => _f.Stranger.Distributor.PostRootRequestAndWaitForReceiptAsync(token, Ids.New(), 0, None));
        Assert.Equal(ContractRoles.Distributor, denied.NeededRole);
        await Revert.With<ZeroTokenError>(() => distributor.PostRootRequestAndWaitForReceiptAsync(Ids.ZeroAddress, Ids.New(), 0, None));
        await Revert.With<ZeroRootError>(() => distributor.PostRootRequestAndWaitForReceiptAsync(token, Ids.Zero, 0, None));
        var unfunded = await Revert.With<Erc20.ERC20InsufficientAllowanceError>(() => distributor.PostRootRequestAndWaitForReceiptAsync(token, Ids.New(), 1001, None));
        Assert.Equal(distributor.ContractAddress, unfunded.Spender, ignoreCase: true);
        Assert.Equal(new BigInteger(1000), unfunded.Allowance);
        Assert.Equal(new BigInteger(1001), unfunded.Needed);

        await distributor.PostRootRequestAndWaitForReceiptAsync(token, Ids.New(), 700, None);
        var decreased = await Revert.With<TotalCumulativeDecreasedError>(() => distributor.PostRootRequestAndWaitForReceiptAsync(token, Ids.New(), 699, None));
        Assert.Equal(token, decreased.Token, ignoreCase: true);
        Assert.Equal(new BigInteger(700), decreased.PreviousTotal);
        Assert.Equal(new BigInteger(699), decreased.NewTotal);
        // The same total again is a new epoch with nothing to fund.
        var same = (await distributor.PostRootRequestAndWaitForReceiptAsync(token, Ids.New(), 700, None)).SingleEvent<RootPostedEvent>();
        Assert.Equal(2UL, same.Epoch);
        Assert.Equal(BigInteger.Zero, same.Funded);
    }

    [Fact]
    public async Task A_claim_on_a_token_without_a_distribution_reverts_NoDistribution()
    {
        var token = await FreshToken.DeployAsync(_f, 1, _f.Contracts.MerkleDistributor);

        Assert.Equal(token, (await Revert.With<NoDistributionError>(() => _f.Alice.Distributor.ClaimRequestAndWaitForReceiptAsync(_f.Alice.Address, token, 1, [], None))).Token, ignoreCase: true);
    }

    private static StandardMerkleTree<DistributionEntitlement> Tree(string token, params (string Account, int Amount)[] entries) =>
        new(entries.Select(e => new DistributionEntitlement(e.Account, token, e.Amount)), DistributionLeafEncoder.Instance);
}
