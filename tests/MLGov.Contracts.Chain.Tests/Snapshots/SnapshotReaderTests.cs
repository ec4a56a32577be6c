using System.Numerics;
using MLGov.Contracts.Chain.Tests.Infrastructure;
using MLGov.Core.Encoding;
using MLGov.Core.Errors;
using MLGov.Operations.Contracts;
using MLGov.Platform.Chain.Contracts;
using MLGov.Platform.Chain.Snapshots;
using MLGov.Trust.Ethereum;
using MLGov.Voting.Domain.Signing;
using MLGov.Voting.Domain.Weights;

namespace MLGov.Contracts.Chain.Tests.Snapshots;

/// <summary>ERC-20 balances and bonded stake read at a snapshot block on anvil: what moves after the block does not count.</summary>
public sealed class SnapshotReaderTests : IClassFixture<ContractsFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly ContractsFixture _f;

    public SnapshotReaderTests(ContractsFixture fixture) => _f = fixture;

    private ChainSnapshotReader Reader => new(_f.Stranger.Chain);

    [Fact]
    public async Task A_balance_is_read_at_the_snapshot_block_so_a_later_transfer_does_not_count()
    {
        var token = await DeployTokenAsync();
        var minter = new TestTokenService(_f.Operator.Chain, token);
        var carol = Address(0xc0);
        await minter.MintRequestAndWaitForReceiptAsync(_f.Alice.Address, 1_000, None);
        await minter.MintRequestAndWaitForReceiptAsync(_f.Bob.Address, 500, None);
        var snapshot = await _f.Stranger.Chain.GetBlockNumberAsync(None);

        await new Erc20Service(_f.Alice.Chain, token).TransferRequestAndWaitForReceiptAsync(carol, 400, None);

        Assert.Equal(Of(1_000, 500, 0), await BalancesAsync(token, [_f.Alice.Address, _f.Bob.Address, carol], snapshot));
        Assert.Equal(Of(600, 500, 400), await BalancesAsync(token, [_f.Alice.Address, _f.Bob.Address, carol], await _f.Stranger.Chain.GetBlockNumberAsync(None)));
        Assert.Equal(Of(0, 0, 0), await BalancesAsync(token, [_f.Alice.Address, _f.Bob.Address, carol], snapshot - 2));
        // The single-call form reads the same state.
        Assert.Equal(new BigInteger(1_000), await _f.Stranger.Chain.QueryValueAtBlockAsync<MLGov.Contracts.TestToken.BalanceOfFunction, BigInteger>(token, new() { Account = _f.Alice.Address }, snapshot, None));
    }

    [Fact]
    public async Task Many_holders_are_read_in_several_batches_and_come_back_in_the_order_asked()
    {
        var token = await DeployTokenAsync();
        var minter = new TestTokenService(_f.Operator.Chain, token);
        var holders = Enumerable.Range(1, 250).Select(i => Address(0x1000 + i)).ToArray();
        int[] funded = [0, 98, 99, 100, 101, 199, 200, 249];
        foreach (var i in funded)
        {
            await minter.MintRequestAndWaitForReceiptAsync(holders[i], 1 + (i * 7), None);
        }

        var balances = await BalancesAsync(token, holders, await _f.Stranger.Chain.GetBlockNumberAsync(None));

        Assert.Equal(Enumerable.Range(0, 250).Select(i => funded.Contains(i) ? 1 + (i * 7) : 0).ToArray(), balances);
    }

    [Fact]
    public async Task Stake_is_the_bonded_stake_at_the_snapshot_block_before_a_later_unbond_slash_or_top_up()
    {
        var (dave, erin) = (await FundedStakerAsync("dave"), await FundedStakerAsync("erin"));
        var (one, two, incident) = (Ids.New(), Ids.New(), Ids.New());
        await dave.Staking.StakeRequestAndWaitForReceiptAsync(one, 1_000, None);
        await dave.Staking.StakeRequestAndWaitForReceiptAsync(two, 300, None);
        await erin.Staking.StakeRequestAndWaitForReceiptAsync(one, 200, None);
        var snapshot = await _f.Stranger.Chain.GetBlockNumberAsync(None);

        await dave.Staking.RequestUnbondRequestAndWaitForReceiptAsync(one, 600, None);
        await _f.Operator.Staking.ProposeSlashRequestAndWaitForReceiptAsync(erin.Address, one, 150, incident, await _f.Anvil.LatestTimestampAsync(), "SLO breached", None);
        await _f.Stranger.Staking.ExecuteSlashRequestAndWaitForReceiptAsync(erin.Address, one, incident, None);
        await erin.Staking.StakeRequestAndWaitForReceiptAsync(two, 5_000, None);
        var now = await _f.Stranger.Chain.GetBlockNumberAsync(None);
        var pool = _f.Contracts.StakingPool;
        string[] providers = [dave.Address, erin.Address, _f.Stranger.Address];

        Assert.Equal(Of(1_000, 200, 0), Ints(await Reader.BondedStakesAsync(pool, one, providers, snapshot, None)));
        var daveThen = await _f.Stranger.Chain.QueryAtBlockAsync<MLGov.Contracts.StakingPool.PositionOfFunction, MLGov.Contracts.StakingPool.PositionOfOutput>(pool, new() { Provider = dave.Address, ServiceId = one }, snapshot, None);
        Assert.Equal((new BigInteger(1_000), BigInteger.Zero), (daveThen.Bonded, daveThen.Unbonding));
        Assert.Equal(Of(1_300, 200, 0), Ints(await Reader.BondedStakesAsync(pool, null, providers, snapshot, None)));
        // Now: dave's 600 is unbonding (not counted), erin lost 150 to the slash and added 5,000 on the other service.
        Assert.Equal(Of(400, 50, 0), Ints(await Reader.BondedStakesAsync(pool, one, providers, now, None)));
        Assert.Equal(Of(700, 5_050, 0), Ints(await Reader.BondedStakesAsync(pool, null, providers, now, None)));
    }

    [Fact]
    public async Task A_snapshot_block_above_the_chain_head_is_refused()
    {
        var head = await _f.Stranger.Chain.GetBlockNumberAsync(None);

        var balances = await Assert.ThrowsAsync<ValidationException>(() => Reader.Erc20BalancesAsync(_f.Contracts.Token, [_f.Alice.Address], head + 10, None));
        var stakes = await Assert.ThrowsAsync<ValidationException>(() => Reader.BondedStakesAsync(_f.Contracts.StakingPool, null, [_f.Alice.Address], head + 1, None));

        Assert.Equal(["snapshotBlock"], balances.Errors.Keys);
        Assert.Contains("above the chain head", balances.Message, StringComparison.Ordinal);
        Assert.Equal(["snapshotBlock"], stakes.Errors.Keys);
        var weights = new WeightReader(Reader, NoReputationSource.Instance);
        await weights.CheckSnapshotAsync(head, None);
        Assert.Equal(["snapshotBlock"], (await Assert.ThrowsAsync<ValidationException>(() => weights.CheckSnapshotAsync(head + 1, None))).Errors.Keys);
        var viaStrategies = await Assert.ThrowsAsync<ValidationException>(() => weights.ReadAsync([new Erc20BalanceStrategy(_f.Contracts.Token, 1, 1)], head + 5, [_f.Alice.Address], (_, _) => false, None));
        Assert.Equal(["snapshotBlock"], viaStrategies.Errors.Keys);
    }

    [Fact]
    public async Task An_address_without_a_contract_at_the_block_is_refused_as_token_or_pool()
    {
        var before = await _f.Stranger.Chain.GetBlockNumberAsync(None);
        var token = await DeployTokenAsync();

        var account = await Assert.ThrowsAsync<ValidationException>(() => Reader.Erc20BalancesAsync(_f.Alice.Address, [_f.Bob.Address], before, None));
        var notYetDeployed = await Assert.ThrowsAsync<ValidationException>(() => Reader.Erc20BalancesAsync(token, [_f.Bob.Address], before, None));
        var pool = await Assert.ThrowsAsync<ValidationException>(() => Reader.BondedStakesAsync(Address(0xdead), Ids.New(), [_f.Bob.Address], before, None));

        Assert.Equal(["token"], account.Errors.Keys);
        Assert.Contains("no contract", account.Message, StringComparison.Ordinal);
        Assert.Equal(["token"], notYetDeployed.Errors.Keys);
        Assert.Equal(["pool"], pool.Errors.Keys);
    }

    [Fact]
    public async Task A_contract_that_is_not_an_erc20_or_a_pool_is_refused_clearly()
    {
        var head = await _f.Stranger.Chain.GetBlockNumberAsync(None);

        // The finalizer has code but neither balanceOf nor positionOf.
        var token = await Assert.ThrowsAsync<ValidationException>(() => Reader.Erc20BalancesAsync(_f.Contracts.GovernanceFinalizer, [_f.Bob.Address], head, None));
        var pool = await Assert.ThrowsAsync<ValidationException>(() => Reader.BondedStakesAsync(_f.Contracts.GovernanceFinalizer, Ids.New(), [_f.Bob.Address], head, None));

        Assert.Equal(["token"], token.Errors.Keys);
        Assert.Equal(["pool"], pool.Errors.Keys);
    }

    [Fact]
    public async Task Malformed_addresses_are_refused_before_any_read()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => Reader.Erc20BalancesAsync("0x12", [_f.Bob.Address, "bob"], 1, None));

        Assert.Equal(["accounts[1]", "token"], error.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Weights_over_token_stake_and_credential_strategies_and_a_signed_delegation_are_read_at_the_snapshot()
    {
        var token = await DeployTokenAsync();
        var minter = new TestTokenService(_f.Operator.Chain, token);
        var (v1, v2, v3) = (await FundedStakerAsync("v1"), await FundedStakerAsync("v2"), await FundedStakerAsync("v3"));
        var service = Ids.New();
        await minter.MintRequestAndWaitForReceiptAsync(v1.Address, 2_500_000, None);   // 2.5 tokens of 6 decimals
        await minter.MintRequestAndWaitForReceiptAsync(v2.Address, 1_000_000, None);   // 1 token
        await v1.Staking.StakeRequestAndWaitForReceiptAsync(service, 300, None);
        await v3.Staking.StakeRequestAndWaitForReceiptAsync(service, 50, None);
        var snapshot = await _f.Stranger.Chain.GetBlockNumberAsync(None);
        // After the snapshot: v2 hands its tokens to v1 and v1 unbonds everything. Neither counts.
        await new Erc20Service(v2.Chain, token).TransferRequestAndWaitForReceiptAsync(v1.Address, 1_000_000, None);
        await v1.Staking.RequestUnbondRequestAndWaitForReceiptAsync(service, 300, None);

        IReadOnlyList<WeightStrategy> strategies = WeightStrategies.Parse(
            $$"""[{"kind":"erc20-balance","token":"{{token}}","divisor":"1000000"},{"kind":"stake","pool":"{{_f.Contracts.StakingPool}}","serviceId":"{{Hex.Encode(service)}}","multiplier":"2"},{"kind":"credential","credentialType":"ProviderCredential","issuers":["did:web:issuer.example"],"multiplier":"5"}]""");
        var reader = new WeightReader(Reader, NoReputationSource.Instance);
        var weights = await reader.ReadAsync(strategies, snapshot, [v1.Address, v2.Address, v3.Address], (rule, voter) => voter == v3.Address, None);

        // By hand: v1 ⌊2.5⌋ + 2 × 300 = 602; v2 1 + 0 = 1; v3 0 + 2 × 50 + 5 = 105.
        Assert.Equal(Of(602, 1, 105), Ints([.. weights.Select(w => w.Weight)]));
        Assert.Equal(Of(2, 600, 0), Ints(weights[0].Parts));

        // v2 delegates to v3 with a wallet signature and does not vote; v1 and v3 vote.
        var space = Ids.Hash("space-weights");
        var typedData = new DelegationTypedData(new VoteTypedData(_f.ChainId, _f.Contracts.GovernanceFinalizer));
        var message = new DelegationMessage(space, v2.Address, v3.Address, await _f.Anvil.LatestTimestampAsync());
        var signed = new SignedDelegation(message, EthereumSignatures.Sign(typedData.Digest(message), Hex.Decode(v2.Key)));
        typedData.Verify(signed);
        var graph = new DelegationGraph(space);
        graph.Add(signed.Message, DateTimeOffset.FromUnixTimeSeconds((long)signed.Message.Timestamp)); // the shared anvil's clock may run ahead of the wall clock (other tests move it)

        var counted = DelegatedWeights.Apply(weights.ToDictionary(w => w.Voter, w => w.Weight), graph, [v1.Address, v3.Address]);

        Assert.Equal(new BigInteger(602), counted.Single(w => w.Voter == v1.Address).Total);
        Assert.Equal(new BigInteger(106), counted.Single(w => w.Voter == v3.Address).Total);
    }

    [Fact]
    public async Task A_token_without_code_at_the_snapshot_is_reported_under_its_strategy()
    {
        var reader = new WeightReader(Reader, NoReputationSource.Instance);
        WeightStrategy[] strategies = [new CredentialStrategy("Member", ["did:web:issuer.example"], 1), new Erc20BalanceStrategy(_f.Alice.Address, 1, 1)];

        var error = await Assert.ThrowsAsync<ValidationException>(() => reader.ReadAsync(strategies, 1, [_f.Bob.Address], (_, _) => true, None));

        Assert.Equal(["strategies[1].token"], error.Errors.Keys);
    }

    private async Task<int[]> BalancesAsync(string token, string[] holders, ulong block) =>
        Ints(await Reader.Erc20BalancesAsync(token, holders, block, None));

    private async Task<string> DeployTokenAsync() =>
        (await _f.Operator.Chain.DeployAsync(new MLGov.Contracts.TestToken.TestTokenDeployment { Name = "Governance", Symbol = "GOV", Decimals = 6, Admin = _f.Operator.Address }, None)).ContractAddress;

    private async Task<TestAccount> FundedStakerAsync(string name)
    {
        var account = await _f.NewAccountAsync(name);
        await _f.Operator.TestToken.MintRequestAndWaitForReceiptAsync(account.Address, 1_000_000, None);
        await account.Token.ApproveRequestAndWaitForReceiptAsync(_f.Contracts.StakingPool, 1_000_000, None);
        return account;
    }

    private static string Address(int n) => "0x" + n.ToString("x40", System.Globalization.CultureInfo.InvariantCulture);

    private static int[] Of(params int[] values) => values;

    private static int[] Ints(IReadOnlyList<BigInteger> values) => [.. values.Select(v => (int)v)];
}
