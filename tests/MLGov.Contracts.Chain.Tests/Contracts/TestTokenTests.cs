using System.Numerics;
using MLGov.Operations.Contracts;
using MLGov.Contracts.Chain.Tests.Infrastructure;
using MLGov.Contracts.TestToken;
using MLGov.Platform.Chain.Contracts;

namespace MLGov.Contracts.Chain.Tests.Contracts;

/// <summary>The TestToken through <see cref="TestTokenService"/> (minting) and <see cref="Erc20Service"/> (ERC-20).</summary>
public sealed class TestTokenTests : IClassFixture<ContractsFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly ContractsFixture _f;

    public TestTokenTests(ContractsFixture fixture) => _f = fixture;

    [Fact]
    public async Task Metadata_and_supply_read_back()
    {
        var token = _f.Stranger.Token;

        Assert.Equal("MLGov Test Token", await token.NameQueryAsync(None));
        Assert.Equal("MLGT", await token.SymbolQueryAsync(None));
        Assert.Equal(6, await token.DecimalsQueryAsync(None));
        Assert.True(await token.TotalSupplyQueryAsync(None) >= 5 * ContractsFixture.InitialTokens);
        Assert.Equal(ContractRoles.Minter, await _f.Stranger.TestToken.MinterRoleQueryAsync(None));
    }

    [Fact]
    public async Task The_minter_mints_and_others_cannot()
    {
        var holder = (await _f.NewAccountAsync("holder")).Address;

        var minted = (await _f.Operator.TestToken.MintRequestAndWaitForReceiptAsync(holder, 1234, None)).SingleEvent<TransferEvent>();
        Assert.Equal(Ids.ZeroAddress, minted.From, ignoreCase: true);
        Assert.Equal(holder, minted.To, ignoreCase: true);
        Assert.Equal(new BigInteger(1234), minted.Value);
        Assert.Equal(new BigInteger(1234), await _f.Stranger.Token.BalanceOfQueryAsync(holder, None));

        var denied = await Revert.With<AccessControlUnauthorizedAccountError>(() => _f.Stranger.TestToken.MintRequestAndWaitForReceiptAsync(_f.Stranger.Address, 1, None));
        Assert.Equal(_f.Stranger.Address, denied.Account, ignoreCase: true);
        Assert.Equal(ContractRoles.Minter, denied.NeededRole);
    }

    [Fact]
    public async Task Approve_transfer_and_transferFrom_move_tokens_with_their_events()
    {
        var approval = (await _f.Alice.Token.ApproveRequestAndWaitForReceiptAsync(_f.Bob.Address, 500, None)).SingleEvent<ApprovalEvent>();
        Assert.Equal(_f.Alice.Address, approval.Owner, ignoreCase: true);
        Assert.Equal(_f.Bob.Address, approval.Spender, ignoreCase: true);
        Assert.Equal(new BigInteger(500), approval.Value);
        Assert.Equal(new BigInteger(500), await _f.Stranger.Token.AllowanceQueryAsync(_f.Alice.Address, _f.Bob.Address, None));

        var pulled = (await _f.Bob.Token.TransferFromRequestAndWaitForReceiptAsync(_f.Alice.Address, _f.Carol.Address, 300, None)).SingleEvent<TransferEvent>();
        Assert.Equal(_f.Alice.Address, pulled.From, ignoreCase: true);
        Assert.Equal(_f.Carol.Address, pulled.To, ignoreCase: true);
        Assert.Equal(new BigInteger(200), await _f.Stranger.Token.AllowanceQueryAsync(_f.Alice.Address, _f.Bob.Address, None));

        var tooMuch = await Revert.With<ERC20InsufficientAllowanceError>(() => _f.Bob.Token.TransferFromRequestAndWaitForReceiptAsync(_f.Alice.Address, _f.Bob.Address, 201, None));
        Assert.Equal(new BigInteger(200), tooMuch.Allowance);
        Assert.Equal(new BigInteger(201), tooMuch.Needed);

        var sent = (await _f.Carol.Token.TransferRequestAndWaitForReceiptAsync(_f.Alice.Address, 300, None)).SingleEvent<TransferEvent>();
        Assert.Equal(_f.Carol.Address, sent.From, ignoreCase: true);
        Assert.Equal(new BigInteger(300), sent.Value);
        var broke = await _f.NewAccountAsync("broke");
        var balance = await Revert.With<ERC20InsufficientBalanceError>(() => broke.Token.TransferRequestAndWaitForReceiptAsync(_f.Alice.Address, 1, None));
        Assert.Equal(BigInteger.Zero, balance.Balance);
    }
}
