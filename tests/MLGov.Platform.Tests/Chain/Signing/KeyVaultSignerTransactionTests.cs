using System.Globalization;
using System.Numerics;
using System.Text.Json;
using MLGov.Platform.Chain.Signing;
using MLGov.Testing;
using MLGov.Testing.KeyVault;
using Nethereum.Model;
using Nethereum.Signer;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;
using Account = Nethereum.Web3.Accounts.Account;

namespace MLGov.Platform.Tests.Chain.Signing;

/// <summary>
/// EIP-1559 transactions signed through <see cref="KeyVaultSigner"/> (the vault returning high s, as Key Vault
/// may) are accepted by a real node and mined from the key's address.
/// </summary>
public sealed class KeyVaultSignerTransactionTests : IClassFixture<DependenciesFixture>, IAsyncLifetime
{
    // anvil's sixth default account (index 5 of its documented "test test ... junk" mnemonic), used by no other test here.
    private const string FunderKey = "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba";

    private readonly DependenciesFixture _fixture;
    private KeyVaultStandIn _vault = null!;
    private KeyVaultSigner _signer = null!;

    public KeyVaultSignerTransactionTests(DependenciesFixture fixture)
    {
        _fixture = fixture;
    }

    private Uri Rpc => _fixture.Dependencies.Anvil.RpcUrl;

    private long ChainId => _fixture.Dependencies.Anvil.ChainId;

    public async Task InitializeAsync()
    {
        _vault = await KeyVaultStandIn.StartAsync();
        _vault.AddSecp256k1Key("operator", EthECKey.GenerateKey().GetPrivateKey()[2..]);
        _vault.Shape = SignatureShape.HighS;
        _signer = SignerSupport.Signer(_vault, _vault.KeyId("operator"));
        await _signer.InitializeAsync(CancellationToken.None);

        var funder = new Web3(new Account(FunderKey, ChainId), Rpc.ToString());
        var funding = await funder.Eth.GetEtherTransferService().TransferEtherAndWaitForReceiptAsync(_signer.Address, 1m);
        Assert.Equal(BigInteger.One, funding.Status.Value);
    }

    public async Task DisposeAsync()
    {
        _signer.Dispose();
        await _vault.DisposeAsync();
    }

    [Fact]
    public async Task Transactions_signed_in_the_vault_are_mined_from_the_keys_address()
    {
        var receiver = EthECKey.GenerateKey().GetPublicAddress();
        var nonce = await NonceAsync(_signer.Address);

        for (var i = 0; i < 4; i++)
        {
            var transaction = Transfer(nonce + i, receiver, 1_000 + i);
            var signature = await _signer.SignDigestAsync(transaction.RawHash, CancellationToken.None);
            transaction.SetSignature(new Signature(signature.R, signature.S, [signature.RecoveryId]));

            var hash = (await SignerSupport.RpcAsync(Rpc, "eth_sendRawTransaction", ["0x" + Convert.ToHexStringLower(transaction.GetRLPEncoded())])).GetString()!;
            var receipt = await ReceiptAsync(hash);

            Assert.Equal("0x1", receipt.GetProperty("status").GetString());
            Assert.Equal(_signer.Address, receipt.GetProperty("from").GetString(), ignoreCase: true);
            var mined = await SignerSupport.RpcAsync(Rpc, "eth_getTransactionByHash", [hash]);
            Assert.Equal(_signer.Address, mined.GetProperty("from").GetString(), ignoreCase: true);
            Assert.Equal("0x2", mined.GetProperty("type").GetString());

            // anvil itself accepts high s (it normalises before recovering); geth's pool refuses it (EIP-2),
            // so what was broadcast must already be low-s.
            Assert.True(Hex(mined.GetProperty("s")) <= SignerSupport.Order / 2, "the broadcast s is low");
        }

        Assert.Equal(new BigInteger(4_006), await BalanceAsync(receiver));
        Assert.All(_vault.Signatures, raw => Assert.True(SignerSupport.Unsigned(raw.S) > SignerSupport.Order / 2, "the vault answered high s"));
    }

    private Transaction1559 Transfer(BigInteger nonce, string receiver, long amount) =>
        new(ChainId, nonce, maxPriorityFeePerGas: 1_000_000_000, maxFeePerGas: 100_000_000_000, gasLimit: 21_000, receiver, amount, string.Empty, []);

    private async Task<BigInteger> NonceAsync(string address) =>
        Hex(await SignerSupport.RpcAsync(Rpc, "eth_getTransactionCount", [address, "pending"]));

    private async Task<BigInteger> BalanceAsync(string address) =>
        Hex(await SignerSupport.RpcAsync(Rpc, "eth_getBalance", [address, "latest"]));

    private async Task<JsonElement> ReceiptAsync(string hash)
    {
        for (var i = 0; i < 100; i++)
        {
            var receipt = await SignerSupport.RpcAsync(Rpc, "eth_getTransactionReceipt", [hash]);
            if (receipt.ValueKind == JsonValueKind.Object)
            {
                return receipt;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Transaction {hash} was not mined.");
    }

    private static BigInteger Hex(JsonElement value) =>
        BigInteger.Parse("0" + value.GetString()![2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
