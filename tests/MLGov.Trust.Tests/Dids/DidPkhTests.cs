using System.Text.Json.Nodes;
using MLGov.Trust.Dids;

namespace MLGov.Trust.Tests.Dids;

public sealed class DidPkhTests
{
    // The did:pkh spec's eip155 example, and a mixed-case address from EIP-55's test vectors.
    private const string SpecExample = "did:pkh:eip155:1:0xb9c5714089478a327f09197987f16f9e5d936e8a";
    private const string ChecksummedAddress = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

    private readonly MethodDidResolver _resolver = MethodDidResolver.Local();

    [Fact]
    public async Task An_eip155_account_resolves_to_one_recovery_method_for_authentication_and_assertions()
    {
        var result = await _resolver.ResolveAsync(SpecExample);

        Assert.True(result.Succeeded);
        var document = result.DidDocument!;
        Assert.Equal(SpecExample, (string)document["id"]!);
        var method = Assert.Single(document["verificationMethod"]!.AsArray())!.AsObject();
        Assert.Equal(SpecExample + "#blockchainAccountId", (string)method["id"]!);
        Assert.Equal("EcdsaSecp256k1RecoveryMethod2020", (string)method["type"]!);
        Assert.Equal(SpecExample, (string)method["controller"]!);
        Assert.Equal("eip155:1:0xb9c5714089478a327f09197987f16f9e5d936e8a", (string)method["blockchainAccountId"]!);
        Assert.Equal([SpecExample + "#blockchainAccountId"], document["authentication"]!.AsArray().Select(n => (string)n!));
        Assert.Equal([SpecExample + "#blockchainAccountId"], document["assertionMethod"]!.AsArray().Select(n => (string)n!));
        Assert.Null(document["capabilityInvocation"]);
        var terms = document["@context"]!.AsArray().OfType<JsonObject>().Single();
        Assert.Equal("https://w3id.org/security#blockchainAccountId", (string)terms["blockchainAccountId"]!);
    }

    [Fact]
    public void The_chain_id_and_address_are_read_and_a_valid_checksum_is_accepted()
    {
        Assert.True(DidPkh.TryParse("did:pkh:eip155:31337:" + ChecksummedAddress, out var chainId, out var address, out var problem), problem);

        Assert.Equal(31337UL, chainId);
        Assert.Equal(ChecksummedAddress, address);
    }

    [Theory]
    [InlineData("did:pkh:eip155:1:0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD")] // one letter's case flipped: checksum broken
    [InlineData("did:pkh:eip155:1:0xb9c5714089478a327f09197987f16f9e5d936e8")] // 39 hex digits
    [InlineData("did:pkh:eip155:1:b9c5714089478a327f09197987f16f9e5d936e8a")] // no 0x
    [InlineData("did:pkh:eip155:0:0xb9c5714089478a327f09197987f16f9e5d936e8a")] // chain id 0
    [InlineData("did:pkh:eip155:01:0xb9c5714089478a327f09197987f16f9e5d936e8a")] // leading zero
    [InlineData("did:pkh:eip155:x1:0xb9c5714089478a327f09197987f16f9e5d936e8a")]
    [InlineData("did:pkh:eip155:1")]
    [InlineData("did:pkh:eip155:1:0xb9c5714089478a327f09197987f16f9e5d936e8a:extra")]
    [InlineData("did:pkh:eip155:1:0xb9c5714089478a327f09197987f16f9e5d936e8a#blockchainAccountId")]
    [InlineData("did:pkh:")]
    public async Task Malformed_eip155_accounts_are_invalid_DIDs_and_nothing_throws(string did)
    {
        var result = await _resolver.ResolveAsync(did);

        Assert.False(result.Succeeded);
        Assert.Equal(DidResolutionErrors.InvalidDid, result.DidResolutionMetadata.Error);
        Assert.False(DidPkh.TryParse(did, out _, out _, out _));
    }

    [Theory]
    [InlineData("did:pkh:bip122:000000000019d6689c085ae165831e93:128Lkh3S7CkDTBZ8W7BbpsN3YYizJMp8p6")]
    [InlineData("did:pkh:solana:4sGjMW1sUnHzSxGspuhpqLDx6wiyjNtZ:CKg5d12Jhpej1JqtmxLJgaFqqeYjxgPqToJ4LBdvG9Ev")]
    [InlineData("did:web:example.com")]
    public async Task Other_namespaces_and_methods_are_not_supported(string did)
    {
        var result = await _resolver.ResolveAsync(did);

        Assert.Equal(DidResolutionErrors.MethodNotSupported, result.DidResolutionMetadata.Error);
    }

    [Fact]
    public async Task The_local_resolver_dispatches_did_key_and_did_pkh_by_method()
    {
        Assert.Equal(["key", "pkh"], _resolver.Methods.Order(StringComparer.Ordinal));
        Assert.True((await _resolver.ResolveAsync(Vectors.DidKeyEd25519)).Succeeded);
        Assert.True((await _resolver.ResolveAsync(SpecExample)).Succeeded);
        Assert.Equal(DidResolutionErrors.InvalidDid, (await _resolver.ResolveAsync("did:")).DidResolutionMetadata.Error);
    }
}
