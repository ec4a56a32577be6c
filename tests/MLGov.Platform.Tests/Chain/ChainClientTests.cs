using System.Numerics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MLGov.Contracts.TestToken;
using MLGov.DevStack;
using MLGov.Platform.Chain;
using MLGov.Testing;
using Nethereum.Contracts;

namespace MLGov.Platform.Tests.Chain;

public sealed class ChainClientTests : IClassFixture<DependenciesFixture>, IDisposable
{
    private readonly DependenciesFixture _fixture;
    private readonly ChainClient _operator;

    public ChainClientTests(DependenciesFixture fixture)
    {
        _fixture = fixture;
        _operator = Client(AnvilServer.DevKeys[1]);
    }

    public void Dispose() => _operator.Dispose();

    [Fact]
    public async Task A_contract_is_deployed_called_and_its_events_decoded()
    {
        var token = await DeployTokenAsync(_operator);
        var holder = Nethereum.Signer.EthECKey.GenerateKey().GetPublicAddress();

        var receipt = await _operator.SendAsync(token, new MintFunction { To = holder, Amount = 1_000_000 }, CancellationToken.None);

        var transfer = Assert.Single(receipt.DecodeAllEvents<TransferEvent>()).Event;
        Assert.Equal("0x0000000000000000000000000000000000000000", transfer.From);
        Assert.Equal(holder, transfer.To, ignoreCase: true);
        Assert.Equal(new BigInteger(1_000_000), transfer.Value);
        Assert.Equal(new BigInteger(1_000_000), await _operator.QueryValueAsync<BalanceOfFunction, BigInteger>(token, new BalanceOfFunction { Account = holder }, CancellationToken.None));
    }

    [Fact]
    public async Task A_custom_error_revert_is_typed_and_decoded()
    {
        var token = await DeployTokenAsync(_operator);
        using var stranger = Client(AnvilServer.DevKeys[2]);

        var error = await Assert.ThrowsAsync<ChainRevertException>(() => stranger.SendAsync(token, new MintFunction { To = stranger.OperatorAddress!, Amount = 1 }, CancellationToken.None));

        Assert.True(error.IsError<AccessControlUnauthorizedAccountError>());
        Assert.False(error.IsError<ERC20InsufficientBalanceError>());
        var decoded = error.DecodeError<AccessControlUnauthorizedAccountError>();
        Assert.Equal(stranger.OperatorAddress, decoded.Account, ignoreCase: true);
        Assert.Equal(Nethereum.Util.Sha3Keccack.Current.CalculateHash(System.Text.Encoding.UTF8.GetBytes("MINTER_ROLE")), decoded.NeededRole);
    }

    [Fact]
    public async Task A_revert_with_arguments_carries_them()
    {
        var token = await DeployTokenAsync(_operator);

        var error = await Assert.ThrowsAsync<ChainRevertException>(() => _operator.SendAsync(token, new TransferFunction { To = "0x000000000000000000000000000000000000dEaD", Value = 5 }, CancellationToken.None));

        var decoded = error.DecodeError<ERC20InsufficientBalanceError>();
        Assert.Equal(BigInteger.Zero, decoded.Balance);
        Assert.Equal(new BigInteger(5), decoded.Needed);
    }

    [Fact]
    public async Task Concurrent_sends_get_consecutive_nonces_and_all_land()
    {
        using var client = Client(AnvilServer.DevKeys[3]);
        var token = await DeployTokenAsync(client);
        var holder = Nethereum.Signer.EthECKey.GenerateKey().GetPublicAddress();

        var receipts = await Task.WhenAll(Enumerable.Range(1, 25).Select(i =>
            client.SendAsync(token, new MintFunction { To = holder, Amount = i }, CancellationToken.None)));

        Assert.All(receipts, r => Assert.Equal(BigInteger.One, r.Status.Value));
        Assert.Equal(25, receipts.Select(r => r.TransactionHash).Distinct().Count());
        Assert.Equal(new BigInteger(25 * 26 / 2), await client.QueryValueAsync<TotalSupplyFunction, BigInteger>(token, new TotalSupplyFunction(), CancellationToken.None));
    }

    [Fact]
    public async Task A_nonce_used_elsewhere_is_detected_and_the_send_still_lands()
    {
        using var first = Client(AnvilServer.DevKeys[4]);
        var token = await DeployTokenAsync(first);
        using var second = Client(AnvilServer.DevKeys[4]);
        var holder = Nethereum.Signer.EthECKey.GenerateKey().GetPublicAddress();

        // The second client takes the nonce the first one has cached.
        await second.SendAsync(token, new MintFunction { To = holder, Amount = 7 }, CancellationToken.None);
        await first.SendAsync(token, new MintFunction { To = holder, Amount = 8 }, CancellationToken.None);

        Assert.Equal(new BigInteger(15), await first.QueryValueAsync<BalanceOfFunction, BigInteger>(token, new BalanceOfFunction { Account = holder }, CancellationToken.None));
    }

    [Fact]
    public async Task The_node_chain_id_and_block_number_are_read()
    {
        Assert.Equal(AnvilServer.DefaultChainId, await _operator.GetNodeChainIdAsync(CancellationToken.None));
        await DeployTokenAsync(_operator);
        Assert.True(await _operator.GetBlockNumberAsync(CancellationToken.None) > 0);
    }

    [Fact]
    public async Task An_unreachable_node_fails_after_bounded_retries()
    {
        var port = FreePort.Next();
        using var client = new ChainClient(
            Options.Create(new ChainOptions { RpcUrl = new Uri($"http://127.0.0.1:{port}"), ChainId = AnvilServer.DefaultChainId, MaxRetries = 2, RequestTimeout = TimeSpan.FromSeconds(2) }),
            NullLogger<ChainClient>.Instance);

        await Assert.ThrowsAnyAsync<Exception>(() => client.GetBlockNumberAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_read_only_client_refuses_to_send()
    {
        using var client = new ChainClient(
            Options.Create(new ChainOptions { RpcUrl = _fixture.Dependencies.Anvil.RpcUrl, ChainId = AnvilServer.DefaultChainId }),
            NullLogger<ChainClient>.Instance);

        Assert.Null(client.OperatorAddress);
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendAsync("0x000000000000000000000000000000000000dEaD", new MintFunction(), CancellationToken.None));
    }

    private ChainClient Client(string key) => new(
        Options.Create(new ChainOptions { RpcUrl = _fixture.Dependencies.Anvil.RpcUrl, ChainId = AnvilServer.DefaultChainId, OperatorKey = key }),
        NullLogger<ChainClient>.Instance);

    private static async Task<string> DeployTokenAsync(ChainClient client)
    {
        var receipt = await client.DeployAsync(new TestTokenDeployment { Name = "Test", Symbol = "TST", Decimals = 6, Admin = client.OperatorAddress! }, CancellationToken.None);
        Assert.False(string.IsNullOrEmpty(receipt.ContractAddress));
        return receipt.ContractAddress;
    }
}
