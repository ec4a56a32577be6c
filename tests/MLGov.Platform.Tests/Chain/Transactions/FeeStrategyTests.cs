using System.Numerics;
using MLGov.DevStack;
using MLGov.Platform.Chain.Signing;
using MLGov.Platform.Chain.Transactions;
using MLGov.Testing;
using Nethereum.Signer;

namespace MLGov.Platform.Tests.Chain.Transactions;

/// <summary>How the sender prices transactions and replacements, and that both transaction types it signs are accepted by a node.</summary>
public sealed class FeeStrategyTests : IClassFixture<DependenciesFixture>
{
    private const ulong Gwei = 1_000_000_000;
    private readonly DependenciesFixture _fixture;

    public FeeStrategyTests(DependenciesFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public void With_a_base_fee_the_max_fee_is_base_times_the_multiplier_plus_the_tip()
    {
        var strategy = new FeeStrategy(new ChainFeeOptions { BaseFeeMultiplierPercent = 200, MaxPriorityFeePerGasWei = 10 * Gwei });

        var fees = strategy.ForBaseFee(30 * Gwei, 2 * Gwei);

        Assert.Equal(2, fees.TransactionType);
        Assert.Equal(new BigInteger(62 * Gwei), fees.MaxFeePerGas);
        Assert.Equal(new BigInteger(2 * Gwei), fees.MaxPriorityFeePerGas);
    }

    [Fact]
    public void The_caps_bound_the_tip_and_the_max_fee_whatever_the_node_suggests()
    {
        var strategy = new FeeStrategy(new ChainFeeOptions { MaxFeePerGasWei = 100 * Gwei, MaxPriorityFeePerGasWei = 3 * Gwei });

        var fees = strategy.ForBaseFee(1_000 * Gwei, 50 * Gwei);

        Assert.Equal(new BigInteger(100 * Gwei), fees.MaxFeePerGas);
        Assert.Equal(new BigInteger(3 * Gwei), fees.MaxPriorityFeePerGas);
        Assert.Equal(new BigInteger(100 * Gwei), strategy.ForGasPrice(400 * Gwei).MaxFeePerGas);
        Assert.Equal(0, strategy.ForGasPrice(400 * Gwei).TransactionType);
    }

    [Fact]
    public void Without_a_suggestion_the_default_tip_is_used()
    {
        var strategy = new FeeStrategy(new ChainFeeOptions { DefaultPriorityFeePerGasWei = 7 });

        Assert.Equal(new BigInteger(7), strategy.ForBaseFee(100, null).MaxPriorityFeePerGas);
    }

    [Fact]
    public void A_replacement_raises_both_fields_by_the_bump_rounded_up_and_never_below_the_market()
    {
        var strategy = new FeeStrategy(new ChainFeeOptions { ReplacementBumpPercent = 10 });
        var previous = new ChainFees(2, 1001, 101);

        var raised = strategy.Replacement(previous, new ChainFees(2, 10, 1))!;
        var market = strategy.Replacement(previous, new ChainFees(2, 5000, 500))!;

        Assert.Equal(new BigInteger(1102), raised.MaxFeePerGas); // 1001 × 1.1 = 1101.1 → 1102
        Assert.Equal(new BigInteger(112), raised.MaxPriorityFeePerGas); // 101 × 1.1 = 111.1 → 112
        Assert.Equal(new BigInteger(5000), market.MaxFeePerGas);
        Assert.Equal(new BigInteger(500), market.MaxPriorityFeePerGas);
    }

    [Fact]
    public void A_tiny_fee_still_rises_by_at_least_one_wei()
    {
        var strategy = new FeeStrategy(new ChainFeeOptions { ReplacementBumpPercent = 10 });

        var raised = strategy.Replacement(new ChainFees(2, 1, 0), new ChainFees(2, 0, 0))!;

        Assert.Equal(new BigInteger(2), raised.MaxFeePerGas);
        Assert.Equal(new BigInteger(1), raised.MaxPriorityFeePerGas);
    }

    [Fact]
    public void No_replacement_is_offered_when_the_cap_leaves_no_room_for_a_raise_the_node_accepts()
    {
        var strategy = new FeeStrategy(new ChainFeeOptions { MaxFeePerGasWei = 1_050, MaxPriorityFeePerGasWei = 1_000, ReplacementBumpPercent = 10 });

        Assert.Null(strategy.Replacement(new ChainFees(2, 1_000, 100), new ChainFees(2, 0, 0)));
        Assert.Null(strategy.Replacement(new ChainFees(0, 1_000, 0), new ChainFees(0, 0, 0)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0)]
    public async Task A_transaction_signed_with_either_fee_type_is_accepted_and_mined_from_the_signers_address(int type)
    {
        var key = EthECKey.GenerateKey();
        using var anvil = new AnvilControl(_fixture.Dependencies.Anvil.RpcUrl);
        await anvil.SetBalanceAsync(key.GetPublicAddress(), BigInteger.Pow(10, 20));
        var recipient = EthECKey.GenerateKey().GetPublicAddress();
        var fees = type == 2 ? new ChainFees(2, 50 * Gwei, 1 * Gwei) : new ChainFees(0, 50 * Gwei, 0);

        var signed = await TransactionSigning.SignAsync(new LocalKeySigner(key.GetPrivateKey()), AnvilServer.DefaultChainId, 0, fees, 21_000, recipient, "0x", 77, CancellationToken.None);
        var hash = (await anvil.CallAsync("eth_sendRawTransaction", signed.Raw)).GetString();

        Assert.Equal(signed.Hash, hash);
        var mined = await anvil.CallAsync("eth_getTransactionByHash", hash!);
        Assert.Equal(key.GetPublicAddress(), mined.GetProperty("from").GetString(), ignoreCase: true);
        Assert.Equal(type, Convert.ToInt32(mined.GetProperty("type").GetString(), 16));
        Assert.Equal(77, Convert.ToInt64((await anvil.CallAsync("eth_getBalance", recipient, "latest")).GetString(), 16));
    }
}
