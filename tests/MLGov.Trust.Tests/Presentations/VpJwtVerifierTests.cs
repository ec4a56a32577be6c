using System.Text.Json;
using System.Text.Json.Nodes;
using MLGov.Trust.Credentials;
using MLGov.Trust.Dids;
using MLGov.Trust.Keys;
using MLGov.Trust.Presentations;
using MLGov.Trust.Tests.Credentials;

namespace MLGov.Trust.Tests.Presentations;

public sealed class VpJwtVerifierTests
{
    private const string Audience = "https://voting.mlgov.example";

    private readonly ManualClock _clock = new(Issuer.Now);
    private readonly InMemoryNonceStore _nonces;
    private readonly Issuer _issuer = Issuer.Generate(KeyType.P256);
    private readonly Issuer _holder = Issuer.Generate(KeyType.Ed25519);

    public VpJwtVerifierTests()
    {
        _nonces = new InMemoryNonceStore(_clock);
    }

    [Theory]
    [InlineData(CredentialFormat.VcdmV1Jwt, KeyType.Ed25519)]
    [InlineData(CredentialFormat.VcdmV2Jose, KeyType.Ed25519)]
    [InlineData(CredentialFormat.VcdmV1Jwt, KeyType.Secp256k1)]
    [InlineData(CredentialFormat.VcdmV2Jose, KeyType.P256)]
    public async Task Verifies_a_holders_presentation_of_its_own_credentials(CredentialFormat format, KeyType holderKey)
    {
        var holder = Issuer.Generate(holderKey);
        var credentials = new[] { CredentialFor(holder.Did, CredentialFormat.VcdmV1Jwt), CredentialFor(holder.Did, CredentialFormat.VcdmV2Jose) };
        var presentation = await Present(holder, credentials, format);

        var result = await Verifier().VerifyAsync(presentation, new PresentationExpectations(Audience, new CredentialExpectations(["EnterpriseMemberCredential"])));

        Assert.True(result.Verified, JsonSerializer.Serialize(result.Checks));
        Assert.Equal(holder.Did, result.Holder);
        Assert.Equal(["format", "signature", "audience", "validity", "nonce", "credentials", "holderBinding"], result.Checks.Select(c => c.Name));
        Assert.All(result.Checks, c => Assert.Equal(CheckOutcome.Passed, c.Outcome));
        Assert.Equal(2, result.Credentials.Count);
        Assert.All(result.Credentials, c => Assert.True(c.Verified));
    }

    [Fact]
    public async Task The_VCDM_2_0_presentation_envelopes_its_credentials_as_data_urls()
    {
        var credential = CredentialFor(_holder.Did, CredentialFormat.VcdmV2Jose);
        var payload = Tokens.Payload(await Present(_holder, [credential], CredentialFormat.VcdmV2Jose));

        Assert.Equal("EnvelopedVerifiableCredential", (string)payload["verifiableCredential"]![0]!["type"]!);
        Assert.Equal("data:application/vc+jwt," + credential, (string)payload["verifiableCredential"]![0]!["id"]!);
        Assert.Equal(_holder.Did, (string)payload["holder"]!);
    }

    [Fact]
    public async Task A_nonce_is_consumed_once()
    {
        var presentation = await Present(_holder, [CredentialFor(_holder.Did)]);

        Assert.True((await Verifier().VerifyAsync(presentation, new PresentationExpectations(Audience))).Verified);
        var replay = await Verifier().VerifyAsync(presentation, new PresentationExpectations(Audience));

        Assert.False(replay.Verified);
        Assert.Equal(CredentialErrors.NonceReused, replay.Check("nonce").Error);
    }

    [Fact]
    public async Task Refuses_an_expired_unknown_or_missing_nonce()
    {
        var nonce = await _nonces.IssueAsync(TimeSpan.FromMinutes(5));
        var late = Sign(_holder, nonce.Value);
        var unknown = Sign(_holder, "not-issued-here");
        var none = Tokens.Resign(_holder.Key, Sign(_holder, "x"), (_, p) => p.Remove("nonce"));
        _clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(CredentialErrors.NonceExpired, (await Verifier().VerifyAsync(late, new PresentationExpectations(Audience))).Check("nonce").Error);
        Assert.Equal(CredentialErrors.NonceUnknown, (await Verifier().VerifyAsync(unknown, new PresentationExpectations(Audience))).Check("nonce").Error);
        Assert.Equal(CredentialErrors.NonceMissing, (await Verifier().VerifyAsync(none, new PresentationExpectations(Audience))).Check("nonce").Error);
    }

    [Fact]
    public async Task A_presentation_for_another_audience_fails_and_does_not_burn_the_nonce()
    {
        var nonce = await _nonces.IssueAsync(TimeSpan.FromMinutes(5));
        var elsewhere = VpJwtIssuer.Issue(_holder.Key, _holder.Kid, "https://other.example", nonce.Value, [CredentialFor(_holder.Did)], CredentialFormat.VcdmV1Jwt, Issuer.Now, TimeSpan.FromMinutes(5));
        var here = VpJwtIssuer.Issue(_holder.Key, _holder.Kid, Audience, nonce.Value, [CredentialFor(_holder.Did)], CredentialFormat.VcdmV1Jwt, Issuer.Now, TimeSpan.FromMinutes(5));

        var wrong = await Verifier().VerifyAsync(elsewhere, new PresentationExpectations(Audience));

        Assert.Equal(CredentialErrors.AudienceMismatch, wrong.Check("audience").Error);
        Assert.Equal(CheckOutcome.Skipped, wrong.Check("nonce").Outcome);
        Assert.True((await Verifier().VerifyAsync(here, new PresentationExpectations(Audience))).Verified);
    }

    [Fact]
    public async Task A_forged_presentation_does_not_burn_the_nonce()
    {
        var nonce = await _nonces.IssueAsync(TimeSpan.FromMinutes(5));
        var genuine = Sign(_holder, nonce.Value);
        var forged = Tokens.Resign(Issuer.Generate(KeyType.Ed25519).Key, genuine, (_, _) => { });

        var result = await Verifier().VerifyAsync(forged, new PresentationExpectations(Audience));

        Assert.Equal(CredentialErrors.BadSignature, result.Check("signature").Error);
        Assert.Equal(CheckOutcome.Skipped, result.Check("nonce").Outcome);
        Assert.Equal(CheckOutcome.Skipped, result.Check("credentials").Outcome);
        Assert.True((await Verifier().VerifyAsync(genuine, new PresentationExpectations(Audience))).Verified);
    }

    [Fact]
    public async Task Presenting_someone_elses_credential_fails_holder_binding()
    {
        var victim = Issuer.Generate(KeyType.Ed25519);
        var stolen = CredentialFor(victim.Did);

        var result = await Verifier().VerifyAsync(await Present(_holder, [stolen]), new PresentationExpectations(Audience));

        Assert.False(result.Verified);
        Assert.Equal(CheckOutcome.Passed, result.Check("credentials").Outcome);
        Assert.Equal(CredentialErrors.NotHolder, result.Check("holderBinding").Error);
    }

    [Fact]
    public async Task A_presentation_signed_by_another_DIDs_key_fails()
    {
        var other = Issuer.Generate(KeyType.Ed25519);
        var nonce = await _nonces.IssueAsync(TimeSpan.FromMinutes(5));
        // iss names the holder, the kid and signature are someone else's.
        var token = Tokens.Resign(other.Key, Sign(_holder, nonce.Value), (h, _) => h["kid"] = other.Kid);

        Assert.Equal(CredentialErrors.HolderMismatch, (await Verifier().VerifyAsync(token, new PresentationExpectations(Audience))).Check("signature").Error);
    }

    [Fact]
    public async Task A_presentation_must_be_signed_with_an_authentication_key()
    {
        var nonce = await _nonces.IssueAsync(TimeSpan.FromMinutes(5));
        var agreement = DidKeyResolver.Resolve(_holder.Did).DidDocument!["keyAgreement"]![0]!.GetValue<string>();
        var token = Tokens.Resign(_holder.Key, Sign(_holder, nonce.Value), (h, _) => h["kid"] = agreement);

        Assert.Equal(CredentialErrors.KeyNotAuthorized, (await Verifier().VerifyAsync(token, new PresentationExpectations(Audience))).Check("signature").Error);
    }

    [Fact]
    public async Task An_invalid_credential_inside_fails_the_presentation_and_says_which()
    {
        var good = CredentialFor(_holder.Did);
        var expired = _issuer.Issue(CredentialFormat.VcdmV1Jwt, _issuer.Draft(_holder.Did) with { ValidUntil = Issuer.Now.AddDays(-1).AddHours(1) });

        var result = await Verifier().VerifyAsync(await Present(_holder, [good, expired]), new PresentationExpectations(Audience));

        Assert.False(result.Verified);
        Assert.Equal(CredentialErrors.CredentialInvalid, result.Check("credentials").Error);
        Assert.Contains("credential 1: expired", result.Check("credentials").Detail, StringComparison.Ordinal);
        Assert.True(result.Credentials[0].Verified);
        Assert.False(result.Credentials[1].Verified);
    }

    [Fact]
    public async Task An_expired_presentation_fails_validity()
    {
        var presentation = await Present(_holder, [CredentialFor(_holder.Did)]);
        _clock.Advance(TimeSpan.FromMinutes(7));

        Assert.Equal(CredentialErrors.Expired, (await Verifier().VerifyAsync(presentation, new PresentationExpectations(Audience))).Check("validity").Error);
    }

    [Fact]
    public async Task Refuses_a_credential_offered_as_a_presentation_and_malformed_presentations()
    {
        var credential = CredentialFor(_holder.Did, CredentialFormat.VcdmV2Jose);
        var nonce = await _nonces.IssueAsync(TimeSpan.FromMinutes(5));
        var v2 = VpJwtIssuer.Issue(_holder.Key, _holder.Kid, Audience, nonce.Value, [credential], CredentialFormat.VcdmV2Jose, Issuer.Now, TimeSpan.FromMinutes(5));
        var v1 = VpJwtIssuer.Issue(_holder.Key, _holder.Kid, Audience, nonce.Value, [credential], CredentialFormat.VcdmV1Jwt, Issuer.Now, TimeSpan.FromMinutes(5));

        await AssertMalformed(credential, CredentialErrors.UnexpectedTyp);
        await AssertMalformed(CredentialFor(_holder.Did, CredentialFormat.VcdmV1Jwt), CredentialErrors.Malformed);
        await AssertMalformed(Tokens.Resign(_holder.Key, v2, (_, p) => p["verifiableCredential"] = new JsonArray(credential)), CredentialErrors.Malformed);
        await AssertMalformed(Tokens.Resign(_holder.Key, v2, (_, p) => p["verifiableCredential"]![0]!["id"] = "https://evil.example/vc"), CredentialErrors.Malformed);
        await AssertMalformed(Tokens.Resign(_holder.Key, v2, (_, p) => p["holder"] = "not a did"), CredentialErrors.Malformed);
        await AssertMalformed(Tokens.Resign(_holder.Key, v1, (_, p) => p["vp"]!["verifiableCredential"] = new JsonArray(new JsonObject())), CredentialErrors.Malformed);
        await AssertMalformed(Tokens.Resign(_holder.Key, v1, (_, p) => p["vp"]!["holder"] = Vectors.DidKeyP256), CredentialErrors.Malformed);
        await AssertMalformed(Tokens.Resign(_holder.Key, v1, (_, p) => p["aud"] = 7), CredentialErrors.Malformed);
        await AssertMalformed("not.a.jwt", CredentialErrors.Malformed);
    }

    [Fact]
    public async Task Refuses_more_credentials_than_the_limit()
    {
        var verifier = new VpJwtVerifier(MethodDidResolver.Local(), CredentialVerifier(), _nonces, new CredentialVerifierOptions { MaxCredentialsPerPresentation = 2 }, _clock);
        var presentation = await Present(_holder, [.. Enumerable.Range(0, 3).Select(_ => CredentialFor(_holder.Did))]);

        Assert.Equal(CredentialErrors.TooLarge, (await verifier.VerifyAsync(presentation, new PresentationExpectations(Audience))).FirstError);
    }

    [Fact]
    public async Task Concurrent_presentations_with_one_nonce_succeed_once()
    {
        var nonce = await _nonces.IssueAsync(TimeSpan.FromMinutes(5));
        var token = Sign(_holder, nonce.Value);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () => await Verifier().VerifyAsync(token, new PresentationExpectations(Audience)))));

        Assert.Equal(1, results.Count(r => r.Verified));
        Assert.Equal(15, results.Count(r => r.Check("nonce").Error == CredentialErrors.NonceReused));
    }

    private async Task AssertMalformed(string token, string error)
    {
        var result = await Verifier().VerifyAsync(token, new PresentationExpectations(Audience));

        Assert.False(result.Verified);
        Assert.Equal(error, result.Check("format").Error);
    }

    private string CredentialFor(string subject, CredentialFormat format = CredentialFormat.VcdmV1Jwt) =>
        _issuer.Issue(format, _issuer.Draft(subject));

    private async Task<string> Present(Issuer holder, string[] credentials, CredentialFormat format = CredentialFormat.VcdmV1Jwt)
    {
        var nonce = await _nonces.IssueAsync(TimeSpan.FromMinutes(5));
        return VpJwtIssuer.Issue(holder.Key, holder.Kid, Audience, nonce.Value, credentials, format, Issuer.Now, TimeSpan.FromMinutes(5));
    }

    private static string Sign(Issuer holder, string nonce) =>
        VpJwtIssuer.Issue(holder.Key, holder.Kid, Audience, nonce, [], CredentialFormat.VcdmV1Jwt, Issuer.Now, TimeSpan.FromMinutes(10));

    private VcJwtVerifier CredentialVerifier() => new(MethodDidResolver.Local(), time: _clock);

    private VpJwtVerifier Verifier() => new(MethodDidResolver.Local(), CredentialVerifier(), _nonces, time: _clock);
}
