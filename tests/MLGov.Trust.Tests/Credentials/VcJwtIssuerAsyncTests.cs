using MLGov.Trust.Credentials;
using MLGov.Trust.Dids;
using MLGov.Trust.Jose;
using MLGov.Trust.Keys;

namespace MLGov.Trust.Tests.Credentials;

/// <summary>Issuing through <see cref="IJwsKeySigner"/>: the in-memory signer gives tokens the verifier accepts, and a signer's bad answer is refused.</summary>
public sealed class VcJwtIssuerAsyncTests
{
    [Theory]
    [InlineData(KeyType.Ed25519)]
    [InlineData(KeyType.Secp256k1)]
    [InlineData(KeyType.P256)]
    public async Task A_credential_issued_through_a_key_signer_verifies(KeyType type)
    {
        var issuer = Issuer.Generate(type);
        var token = await VcJwtIssuer.IssueAsync(issuer.Draft(), new LocalJwsKeySigner(issuer.Key), issuer.Kid, CredentialFormat.VcdmV2Jose);

        var verifier = new VcJwtVerifier(MethodDidResolver.Local(), time: new ManualClock(Issuer.Now));
        var result = await verifier.VerifyAsync(token, new CredentialExpectations(TrustedIssuers: [issuer.Did]));
        Assert.True(result.Verified, result.FirstError);
    }

    [Fact]
    public async Task The_synchronous_and_the_signer_path_give_the_same_token_for_a_deterministic_signature()
    {
        // Ed25519 signatures are deterministic (RFC 8032), so both paths must produce byte-identical tokens.
        var issuer = Issuer.Generate(KeyType.Ed25519);
        var viaSigner = await VcJwtIssuer.IssueAsync(issuer.Draft(), new LocalJwsKeySigner(issuer.Key), issuer.Kid, CredentialFormat.VcdmV1Jwt);
        Assert.Equal(issuer.Issue(CredentialFormat.VcdmV1Jwt), viaSigner);
    }

    [Fact]
    public async Task A_signer_answer_of_the_wrong_length_is_refused()
    {
        var issuer = Issuer.Generate(KeyType.P256);
        var error = await Assert.ThrowsAsync<JwsSigningException>(async () => await VcJwtIssuer.IssueAsync(issuer.Draft(), new ShortSigner(), issuer.Kid, CredentialFormat.VcdmV2Jose));
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task The_kid_must_still_be_a_DID_URL_of_the_issuer()
    {
        var issuer = Issuer.Generate(KeyType.P256);
        await Assert.ThrowsAsync<ArgumentException>(async () => await VcJwtIssuer.IssueAsync(issuer.Draft(), new LocalJwsKeySigner(issuer.Key), "did:key:zOther#k", CredentialFormat.VcdmV2Jose));
    }

    private sealed class ShortSigner : IJwsKeySigner
    {
        public string Algorithm => JwsAlgorithms.Es256;

        public string KeyId => "short";

        public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signingInput, CancellationToken cancellationToken) => ValueTask.FromResult(new byte[63]);
    }
}
