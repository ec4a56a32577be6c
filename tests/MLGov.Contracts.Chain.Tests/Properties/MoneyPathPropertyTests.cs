using System.Numerics;
using MLGov.Contracts.Chain.Tests.Infrastructure;
using MLGov.Contracts.MerkleDistributor;
using MLGov.Contracts.StakingPool;
using MLGov.Core.Merkle;
using MLGov.Platform.Chain;
using MLGov.Platform.Chain.Contracts;
using Xunit.Abstractions;

namespace MLGov.Contracts.Chain.Tests.Properties;

/// <summary>
/// Seeded random scenarios on the real chain, checked against a model after every step: the sum
/// of distributor claims never exceeds what was posted (across epochs, with honest and
/// over-promising trees, stale proofs and repeated claims), and stake slashed never exceeds stake
/// staked (with unbonding, withdrawals, slashes beyond the stake and repeated incidents). Each seed
/// is one test case, so a failure names the seed that reproduces it.
/// </summary>
public sealed class MoneyPathPropertyTests : IClassFixture<ContractsFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly ContractsFixture _f;
    private readonly ITestOutputHelper _output;
    private readonly Dictionary<string, int> _outcomes = new(StringComparer.Ordinal);

    public MoneyPathPropertyTests(ContractsFixture fixture, ITestOutputHelper output)
    {
        _f = fixture;
        _output = output;
    }

    public static TheoryData<int> DistributionSeeds => [.. Enumerable.Range(1, 20)];

    public static TheoryData<int> StakingSeeds => [.. Enumerable.Range(101, 25)];

    [Theory]
    [MemberData(nameof(DistributionSeeds))]
    public async Task Claims_never_exceed_what_was_posted(int seed)
    {
        var random = new Random(seed);
        var distributor = _f.Operator.Distributor;
        var token = await FreshToken.DeployAsync(_f, BigInteger.Pow(10, 12), distributor.ContractAddress);
        var tokenBalance = new Erc20Service(_f.Stranger.Chain, token);
        var accounts = Enumerable.Range(0, random.Next(2, 7)).Select(_ => RandomAddress(random)).ToArray();
        var entitled = new BigInteger[accounts.Length];
        var claimed = new BigInteger[accounts.Length];
        var (declared, claimedSum) = (BigInteger.Zero, BigInteger.Zero);
        (StandardMerkleTree<DistributionEntitlement> Tree, BigInteger[] Entitled)? previous = null;

        for (var epoch = 1UL; epoch <= (ulong)random.Next(1, 5); epoch++)
        {
            for (var i = 0; i < accounts.Length; i++)
            {
                entitled[i] += random.Next(0, 3) == 0 ? 0 : random.Next(1, 1001);
            }

            var sum = entitled.Aggregate(BigInteger.Zero, BigInteger.Add);
            // One epoch in four over-promises: the tree adds up to more than is declared and funded.
            var total = random.Next(4) == 0 ? declared + ((sum - declared) * random.Next(0, 100) / 100) : sum;
            var tree = new StandardMerkleTree<DistributionEntitlement>(accounts.Select((a, i) => new DistributionEntitlement(a, token, entitled[i])), DistributionLeafEncoder.Instance);
            var posted = (await distributor.PostRootRequestAndWaitForReceiptAsync(token, tree.Root, total, None)).SingleEvent<RootPostedEvent>();
            Assert.Equal(epoch, posted.Epoch);
            Assert.Equal(total - declared, posted.Funded);
            declared = total;

            foreach (var i in Enumerable.Range(0, accounts.Length).OrderBy(_ => random.Next()).Where(_ => random.Next(4) != 0))
            {
                var stale = previous is not null && random.Next(4) == 0;
                var (amount, proof) = stale ? (previous!.Value.Entitled[i], previous.Value.Tree.GetProof(i)) : (entitled[i], tree.GetProof(i));
                var proofValid = MerkleTree.Verify(tree.Root, tree.HashLeaf(new DistributionEntitlement(accounts[i], token, amount)), proof);
                var due = amount - claimed[i];
                try
                {
                    var paid = (await distributor.ClaimRequestAndWaitForReceiptAsync(accounts[i], token, amount, proof, None)).SingleEvent<ClaimedEvent>();
                    Assert.True(proofValid && due > 0 && due <= declared - claimedSum, $"seed {seed}: a claim of {due} was paid that should have failed");
                    Assert.Equal(due, paid.Amount);
                    Assert.Equal(epoch, paid.Epoch);
                    claimed[i] = amount;
                    claimedSum += due;
                    Count("claim paid");
                }
                catch (ChainRevertException revert)
                {
                    var expected = !proofValid ? revert.IsError<InvalidProofError>()
                        : due <= 0 ? revert.IsError<NothingToClaimError>()
                        : revert.IsError<ClaimExceedsPostedError>() && due > declared - claimedSum;
                    Count("claim refused: " + (revert.IsError<InvalidProofError>() ? "InvalidProof" : revert.IsError<NothingToClaimError>() ? "NothingToClaim" : revert.IsError<ClaimExceedsPostedError>() ? "ClaimExceedsPosted" : revert.Selector));
                    Assert.True(expected, $"seed {seed}: unexpected revert {revert.Selector} (valid proof {proofValid}, due {due}, available {declared - claimedSum})");
                }

                var state = await distributor.GetDistributionQueryAsync(token, None);
                Assert.Equal(declared, state.TotalCumulative);
                Assert.Equal(claimedSum, state.TotalClaimed);
                Assert.True(state.TotalClaimed <= state.TotalCumulative);
                Assert.Equal(declared - claimedSum, await tokenBalance.BalanceOfQueryAsync(distributor.ContractAddress, None));
                Assert.Equal(claimed[i], await distributor.ClaimedQueryAsync(token, accounts[i], None));
                Assert.True(claimed[i] <= entitled[i]);
            }

            previous = (tree, (BigInteger[])entitled.Clone());
            Count(total < sum ? "over-promising epoch" : "honest epoch");
        }

        Report(seed);
    }

    [Theory]
    [MemberData(nameof(StakingSeeds))]
    public async Task Total_slashed_never_exceeds_total_staked(int seed)
    {
        var random = new Random(seed);
        var service = RandomBytes32(random);
        TestAccount[] providers = [_f.Alice, _f.Bob, _f.Carol];
        foreach (var provider in providers)
        {
            if (await _f.Stranger.Token.AllowanceQueryAsync(provider.Address, _f.Contracts.StakingPool, None) < BigInteger.Pow(10, 9))
            {
                await provider.Token.ApproveRequestAndWaitForReceiptAsync(_f.Contracts.StakingPool, ContractsFixture.InitialTokens, None);
            }
        }

        var model = providers.ToDictionary(p => p.Address, _ => new Position());
        var incidents = new List<(string Provider, byte[] Incident)>();
        var (staked, slashed, withdrawn) = (BigInteger.Zero, BigInteger.Zero, BigInteger.Zero);
        var before = await TotalsAsync();
        var balanceBefore = await _f.Stranger.Token.BalanceOfQueryAsync(_f.Contracts.StakingPool, None);

        var steps = random.Next(10, 17);
        for (var step = 0; step < steps; step++)
        {
            // Every provider starts with some stake; then the operations come in random order,
            // withdrawals mostly by a provider that has something unbonding.
            var operation = step < providers.Length ? 0 : random.Next(20) switch { < 4 => 0, < 9 => 1, < 15 => 2, _ => 3 };
            var unbonding = providers.Where(p => model[p.Address].Unbonding > 0).ToArray();
            var provider = step < providers.Length ? providers[step]
                : operation == 3 && unbonding.Length > 0 && random.Next(4) != 0 ? unbonding[random.Next(unbonding.Length)]
                : providers[random.Next(providers.Length)];
            var position = model[provider.Address];
            switch (operation)
            {
                case 0:
                    var stake = new BigInteger(random.Next(1, 1001));
                    Assert.Equal(position.Bonded + stake, (await provider.Staking.StakeRequestAndWaitForReceiptAsync(service, stake, None)).SingleEvent<StakedEvent>().Bonded);
                    position.Bonded += stake;
                    staked += stake;
                    Count("stake");
                    break;
                case 1:
                    var unbond = Amount(random, position.Bonded);
                    if (unbond > position.Bonded)
                    {
                        await Revert.With<InsufficientBondedError>(() => provider.Staking.RequestUnbondRequestAndWaitForReceiptAsync(service, unbond, None));
                        Count("unbond beyond bonded refused");
                        break;
                    }

                    var requested = (await provider.Staking.RequestUnbondRequestAndWaitForReceiptAsync(service, unbond, None)).SingleEvent<UnbondRequestedEvent>();
                    position.Bonded -= unbond;
                    position.Unbonding += unbond;
                    position.ReadyAt = requested.ReadyAt;
                    Assert.Equal(position.Unbonding, requested.Unbonding);
                    Count("unbond");
                    break;
                case 2:
                    var total = position.Bonded + position.Unbonding;
                    var amount = Amount(random, total);
                    var reuse = incidents.Where(x => x.Provider == provider.Address).ToList();
                    var incident = reuse.Count > 0 && random.Next(3) == 0 ? reuse[random.Next(reuse.Count)].Incident : RandomBytes32(random);
                    if (reuse.Any(x => x.Incident.AsSpan().SequenceEqual(incident)))
                    {
                        var now = await _f.Anvil.LatestTimestampAsync();
                        await Revert.With<AlreadySlashedError>(() => _f.Operator.Staking.ProposeSlashRequestAndWaitForReceiptAsync(provider.Address, service, amount, incident, now, "again", None));
                        Count("second slash for an incident refused");
                        break;
                    }

                    // every deposit of the model is at or before the incident's time: a slash takes
                    // the proposed amount, or the whole stake when it asks for more
                    var incidentTime = await _f.Anvil.LatestTimestampAsync();
                    await _f.Operator.Staking.ProposeSlashRequestAndWaitForReceiptAsync(provider.Address, service, amount, incident, incidentTime, "breach", None);
                    var cut = (await _f.Operator.Staking.ExecuteSlashRequestAndWaitForReceiptAsync(provider.Address, service, incident, None)).SingleEvent<SlashedEvent>();
                    var taken = BigInteger.Min(amount, total);
                    var fromBonded = BigInteger.Min(taken, position.Bonded);
                    Assert.Equal((taken, fromBonded, taken - fromBonded), (cut.Amount, cut.FromBonded, cut.FromUnbonding));
                    position.Bonded -= fromBonded;
                    position.Unbonding -= taken - fromBonded;
                    slashed += taken;
                    incidents.Add((provider.Address, incident));
                    Count(amount > total ? "slash beyond the stake takes the stake" : "slash");
                    break;
                default:
                    if (position.Unbonding.IsZero)
                    {
                        await Revert.With<NothingToWithdrawError>(() => provider.Staking.WithdrawRequestAndWaitForReceiptAsync(service, None));
                        Count("withdraw of nothing refused");
                        break;
                    }

                    if (random.Next(2) == 0)
                    {
                        await _f.Anvil.AdvanceTimeAsync(ContractsFixture.UnbondingDelay);
                    }
                    else if (position.ReadyAt > await _f.Anvil.LatestTimestampAsync() + 60)
                    {
                        await Revert.With<UnbondingNotReadyError>(() => provider.Staking.WithdrawRequestAndWaitForReceiptAsync(service, None));
                        Count("early withdraw refused");
                        break;
                    }
                    else
                    {
                        break; // too close to the boundary to say which side the next block lands on
                    }

                    Assert.Equal(position.Unbonding, (await provider.Staking.WithdrawRequestAndWaitForReceiptAsync(service, None)).SingleEvent<WithdrawnEvent>().Amount);
                    withdrawn += position.Unbonding;
                    position.Unbonding = 0;
                    Count("withdraw");
                    break;
            }

            var onChain = await _f.Stranger.Staking.PositionOfQueryAsync(provider.Address, service, None);
            Assert.Equal((position.Bonded, position.Unbonding), (onChain.Bonded, onChain.Unbonding));
            Assert.True(slashed <= staked, $"seed {seed}: slashed {slashed} > staked {staked}");
        }

        var after = await TotalsAsync();
        Assert.Equal(before.Staked + staked, after.Staked);
        Assert.Equal(before.Slashed + slashed, after.Slashed);
        Assert.Equal(before.Withdrawn + withdrawn, after.Withdrawn);
        Assert.Equal(before.SlashReceived + slashed, after.SlashReceived);
        Assert.True(after.Slashed <= after.Staked);
        Assert.Equal(after.Staked, after.Bonded + after.Unbonding + after.Slashed + after.Withdrawn);
        Assert.Equal(balanceBefore + staked - slashed - withdrawn, await _f.Stranger.Token.BalanceOfQueryAsync(_f.Contracts.StakingPool, None));
        _output.WriteLine($"seed {seed}: staked {staked}, slashed {slashed}, withdrawn {withdrawn}, {incidents.Count} incidents");
        Report(seed);
    }

    private void Count(string outcome) => _outcomes[outcome] = _outcomes.GetValueOrDefault(outcome) + 1;

    private void Report(int seed) =>
        _output.WriteLine($"seed {seed}: " + string.Join(", ", _outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} x{o.Value}")));

    private async Task<(BigInteger Staked, BigInteger Bonded, BigInteger Unbonding, BigInteger Slashed, BigInteger Withdrawn, BigInteger SlashReceived)> TotalsAsync()
    {
        var s = _f.Stranger.Staking;
        return (await s.TotalStakedQueryAsync(None), await s.TotalBondedQueryAsync(None), await s.TotalUnbondingQueryAsync(None),
            await s.TotalSlashedQueryAsync(None), await s.TotalWithdrawnQueryAsync(None), await _f.Stranger.Insurance.TotalSlashReceivedQueryAsync(None));
    }

    /// <summary>Three times in four an amount the stake covers (when there is any), otherwise one beyond it.</summary>
    private static BigInteger Amount(Random random, BigInteger available) =>
        available > 0 && random.Next(4) != 0 ? random.Next(1, (int)available + 1) : available + random.Next(1, 200);

    private static string RandomAddress(Random random)
    {
        var bytes = new byte[20];
        random.NextBytes(bytes);
        return "0x" + Convert.ToHexStringLower(bytes);
    }

    private static byte[] RandomBytes32(Random random)
    {
        var bytes = new byte[32];
        random.NextBytes(bytes);
        bytes[0] |= 1;
        return bytes;
    }

    private sealed class Position
    {
        public BigInteger Bonded { get; set; }

        public BigInteger Unbonding { get; set; }

        public ulong ReadyAt { get; set; }
    }
}
