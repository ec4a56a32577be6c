using MLGov.Trust.Dids;
using MLGov.Trust.Keys;

namespace MLGov.Identity.Tests.Domain;

public sealed class DidAccountsTests
{
    [Fact]
    public void A_secp256k1_did_key_has_the_address_of_its_key()
    {
        // The widely published pair: private key 1 controls 0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf.
        var one = new byte[32];
        one[31] = 1;
        var key = SigningKey.FromBytes(KeyType.Secp256k1, one)!;

        Assert.Equal("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf", DidAccounts.EthereumAddressOf(DidKey.From(key.PublicKey)));
    }

    [Fact]
    public void A_did_pkh_has_its_account_and_other_dids_none()
    {
        Assert.Equal("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf", DidAccounts.EthereumAddressOf("did:pkh:eip155:1:0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf"));
        Assert.Null(DidAccounts.EthereumAddressOf(DidKey.From(SigningKey.Generate(KeyType.Ed25519).PublicKey)));
        Assert.Null(DidAccounts.EthereumAddressOf(DidKey.From(SigningKey.Generate(KeyType.P256).PublicKey)));
        Assert.Null(DidAccounts.EthereumAddressOf("did:web:example.com"));
        Assert.Null(DidAccounts.EthereumAddressOf("not a did"));
    }
}
