using System.Text.Json;
using System.Text.Json.Nodes;
using MLGov.Core.Encoding;
using MLGov.Trust.Credentials;
using MLGov.Trust.Dids;
using MLGov.Trust.Keys;
using MLGov.Trust.Tests.Keys;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Math;

namespace MLGov.Trust.Tests.Credentials;

public sealed class VcJwtVerifierTests
{
    private readonly ManualClock _clock = new(Issuer.Now);

    public static TheoryData<KeyType, CredentialFormat> EveryAlgorithmAndFormat()
    {
        var data = new TheoryData<KeyType, CredentialFormat>();
        foreach (var type in Enum.GetValues<KeyType>())
        {
            data.Add(type, CredentialFormat.VcdmV1Jwt);
            data.Add(type, CredentialFormat.VcdmV2Jose);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryAlgorithmAndFormat))]
    public async Task Issues_and_verifies_each_algorithm_in_each_format(KeyType type, CredentialFormat format)
    {
        var issuer = Issuer.Generate(type);
        var subject = "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp";

        var result = await Verifier().VerifyAsync(issuer.Issue(format), new CredentialExpectations(["EnterpriseMemberCredential"], subject, [issuer.Did]));

        Assert.True(result.Verified, JsonSerializer.Serialize(result.Checks));
        Assert.Equal(CredentialFormats.Name(format), result.Format);
        Assert.Equal(issuer.Did, result.Issuer);
        Assert.Equal(subject, result.Subject);
        Assert.Equal("urn:uuid:5f2b4c1e-8c1a-4f0e-9a43-2f6f0b9d1c11", result.Id);
        Assert.Equal(["VerifiableCredential", "EnterpriseMemberCredential"], result.Types);
        Assert.Equal(["format", "issuer", "signature", "validity", "types", "subject", "status"], result.Checks.Select(c => c.Name));
        Assert.All(result.Checks.Take(6), c => Assert.Equal(CheckOutcome.Passed, c.Outcome));
        Assert.Equal(CheckOutcome.Skipped, result.Check("status").Outcome);
        Assert.Equal("Auditor", (string)result.Credential!["credentialSubject"]!["roles"]![1]!);
    }

    [Fact]
    public async Task The_VCDM_1_1_token_has_the_registered_claims_and_the_vc_claim()
    {
        var issuer = Issuer.Generate(KeyType.Ed25519);
        var token = issuer.Issue(CredentialFormat.VcdmV1Jwt);
        var header = Tokens.Header(token);
        var payload = Tokens.Payload(token);

        Assert.Equal("EdDSA", (string)header["alg"]!);
        Assert.Equal("JWT", (string)header["typ"]!);
        Assert.Equal(issuer.Kid, (string)header["kid"]!);
        Assert.Equal(issuer.Did, (string)payload["iss"]!);
        Assert.Equal(Issuer.Now.AddDays(-1).ToUnixTimeSeconds(), (long)payload["nbf"]!);
        Assert.Equal(Issuer.Now.AddDays(30).ToUnixTimeSeconds(), (long)payload["exp"]!);
        Assert.Equal("urn:uuid:5f2b4c1e-8c1a-4f0e-9a43-2f6f0b9d1c11", (string)payload["jti"]!);
        Assert.Equal("https://www.w3.org/2018/credentials/v1", (string)payload["vc"]!["@context"]![0]!);
    }

    [Fact]
    public async Task The_VCDM_2_0_token_is_typed_vc_jwt_and_carries_the_credential_as_payload()
    {
        var issuer = Issuer.Generate(KeyType.P256);
        var token = issuer.Issue(CredentialFormat.VcdmV2Jose);
        var payload = Tokens.Payload(token);

        Assert.Equal("vc+jwt", (string)Tokens.Header(token)["typ"]!);
        Assert.Equal("ES256", (string)Tokens.Header(token)["alg"]!);
        Assert.Equal("https://www.w3.org/ns/credentials/v2", (string)payload["@context"]![0]!);
        Assert.Equal(issuer.Did, (string)payload["issuer"]!);
        Assert.Equal("2026-11-28T12:00:00Z", (string)payload["validFrom"]!);
        Assert.Equal("2026-12-29T12:00:00Z", (string)payload["validUntil"]!);
        Assert.False(payload.ContainsKey("vc"));
        Assert.True((await Verifier().VerifyAsync(token)).Verified);
    }

    [Fact]
    public async Task An_RFC_8037_key_issues_credentials_its_did_key_verifies()
    {
        var issuer = Issuer.From(TestKeys.Rfc8037Ed25519());

        Assert.True((await Verifier().VerifyAsync(issuer.Issue(CredentialFormat.VcdmV2Jose))).Verified);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("None")]
    [InlineData("HS256")]
    [InlineData("RS256")]
    [InlineData("ES384")]
    public async Task Refuses_algorithms_other_than_the_three(string alg)
    {
        var issuer = Issuer.Generate(KeyType.Ed25519);
        var token = Tokens.Resign(issuer.Key, issuer.Issue(CredentialFormat.VcdmV1Jwt), (h, _) => h["alg"] = alg);

        await AssertFails(token, "signature", CredentialErrors.AlgNotAllowed);
    }

    [Fact]
    public async Task Refuses_alg_none_with_an_empty_signature()
    {
        var issuer = Issuer.Generate(KeyType.Ed25519);
        var parts = issuer.Issue(CredentialFormat.VcdmV1Jwt).Split('.');
        var header = Base64Url.Encode(JsonSerializer.SerializeToUtf8Bytes(new { alg = "none", kid = issuer.Kid }));

        await AssertFails(header + "." + parts[1] + ".", "format", CredentialErrors.Malformed);
        await AssertFails(header + "." + parts[1] + ".AA", "signature", CredentialErrors.AlgNotAllowed);
    }

    [Theory]
    [InlineData(KeyType.P256, "ES256K")]
    [InlineData(KeyType.Secp256k1, "ES256")]
    [InlineData(KeyType.Ed25519, "ES256")]
    [InlineData(KeyType.P256, "EdDSA")]
    public async Task Refuses_an_alg_that_does_not_fit_the_issuers_key(KeyType type, string alg)
    {
        var issuer = Issuer.Generate(type);
        var token = Tokens.Resign(issuer.Key, issuer.Issue(CredentialFormat.VcdmV2Jose), (h, _) => h["alg"] = alg);

        await AssertFails(token, "signature", CredentialErrors.AlgKeyMismatch);
    }

    [Fact]
    public async Task Refuses_a_high_s_ES256K_signature_that_would_otherwise_verify()
    {
        var issuer = Issuer.Generate(KeyType.Secp256k1);
        var token = issuer.Issue(CredentialFormat.VcdmV1Jwt);
        var parts = token.Split('.');
        var signature = Base64Url.Decode(parts[2]);
        var n = SecNamedCurves.GetByName("secp256k1").N;
        var highS = n.Subtract(new BigInteger(1, signature[32..])).ToByteArrayUnsigned();
        var malleated = signature[..32].Concat(new byte[32 - highS.Length]).Concat(highS).ToArray();
        var forged = parts[0] + "." + parts[1] + "." + Base64Url.Encode(malleated);

        Assert.True((await Verifier().VerifyAsync(token)).Verified);
        await AssertFails(forged, "signature", CredentialErrors.BadSignature);
    }

    [Fact]
    public async Task Refuses_a_changed_payload()
    {
        var issuer = Issuer.Generate(KeyType.Ed25519);
        var parts = issuer.Issue(CredentialFormat.VcdmV2Jose).Split('.');
        var payload = JsonNode.Parse(Base64Url.Decode(parts[1]))!.AsObject();
        payload["credentialSubject"]!["roles"] = new JsonArray("Admin");

        await AssertFails(parts[0] + "." + Base64Url.Encode(JsonSerializer.SerializeToUtf8Bytes(payload)) + "." + parts[2], "signature", CredentialErrors.BadSignature);
    }

    [Fact]
    public async Task Refuses_a_credential_signed_by_someone_else_in_the_issuers_name()
    {
        var issuer = Issuer.Generate(KeyType.Ed25519);
        var attacker = Issuer.Generate(KeyType.Ed25519);
        // The attacker's kid with the issuer's name: the signature is good, but not by the issuer.
        var token = Tokens.Resign(attacker.Key, issuer.Issue(CredentialFormat.VcdmV1Jwt), (h, _) => h["kid"] = attacker.Kid);
        // The issuer's kid with the attacker's signature.
        var forged = Tokens.Resign(attacker.Key, issuer.Issue(CredentialFormat.VcdmV1Jwt), (_, _) => { });

        var result = await AssertFails(token, "issuer", CredentialErrors.IssuerMismatch);
        Assert.Equal(CheckOutcome.Passed, result.Check("signature").Outcome);
        await AssertFails(forged, "signature", CredentialErrors.BadSignature);
    }

    [Fact]
    public async Task Refuses_unknown_missing_and_malformed_kids()
    {
        var issuer = Issuer.Generate(KeyType.Ed25519);
        var token = issuer.Issue(CredentialFormat.VcdmV2Jose);

        await AssertFails(Tokens.Resign(issuer.Key, token, (h, _) => h["kid"] = issuer.Did + "#key-2"), "signature", CredentialErrors.UnknownKid);
        await AssertFails(Tokens.Resign(issuer.Key, token, (h, _) => h.Remove("kid")), "signature", CredentialErrors.InvalidKid);
        await AssertFails(Tokens.Resign(issuer.Key, token, (h, _) => h["kid"] = issuer.Did), "signature", CredentialErrors.InvalidKid);
        await AssertFails(Tokens.Resign(issuer.Key, token, (h, _) => h["kid"] = 7), "signature", CredentialErrors.InvalidKid);
    }

    [Fact]
    public async Task Refuses_a_key_agreement_key_as_a_signing_key()
    {
        // The Ed25519 did:key's document lists an X25519 key under keyAgreement only.
        var issuer = Issuer.Generate(KeyType.Ed25519);
        var agreement = DidKeyResolver.Resolve(issuer.Did).DidDocument!["keyAgreement"]![0]!.GetValue<string>();
        var token = Tokens.Resign(issuer.Key, issuer.Issue(CredentialFormat.VcdmV1Jwt), (h, _) => h["kid"] = agreement);

        await AssertFails(token, "signature", CredentialErrors.KeyNotAuthorized);
    }

    [Fact]
    public async Task Reports_an_issuer_DID_that_does_not_resolve()
    {
        var key = SigningKey.Generate(KeyType.Ed25519);
        var draft = Issuer.From(key).Draft() with { Issuer = "did:web:issuer.example" };
        var token = VcJwtIssuer.Issue(draft, key, "did:web:issuer.example#key-1", CredentialFormat.VcdmV2Jose);

        var result = await AssertFails(token, "signature", CredentialErrors.DidResolutionFailed);
        Assert.Contains("methodNotSupported", result.Check("signature").Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-2, CredentialErrors.NotYetValid)]
    [InlineData(31, CredentialErrors.Expired)]
    public async Task Refuses_credentials_outside_their_validity_window(int days, string error)
    {
        var issuer = Issuer.Generate(KeyType.Ed25519);
        _clock.Now = Issuer.Now.AddDays(days);

        await AssertFails(issuer.Issue(CredentialFormat.VcdmV1Jwt), "validity", error);
        await AssertFails(issuer.Issue(CredentialFormat.VcdmV2Jose), "validity", error);
    }

    [Theory]
    [InlineData(CredentialFormat.VcdmV1Jwt)]
    [InlineData(CredentialFormat.VcdmV2Jose)]
    public async Task The_clock_skew_is_allowed_at_both_ends_and_no_further(CredentialFormat format)
    {
        var issuer = Issuer.Generate(KeyType.Ed25519);
        var token = issuer.Issue(format);
        var verifier = Verifier(new CredentialVerifierOptions { ClockSkew = TimeSpan.FromMinutes(5) });

        _clock.Now = Issuer.Now.AddDays(-1).AddMinutes(-5);
        Assert.True((await verifier.VerifyAsync(token)).Verified);
        _clock.Now = Issuer.Now.AddDays(-1).AddMinutes(-5).AddSeconds(-1);
        Assert.Equal(CredentialErrors.NotYetValid, (await verifier.VerifyAsync(token)).FirstError);
        _clock.Now = Issuer.Now.AddDays(30).AddMinutes(5).AddSeconds(-1);
        Assert.True((await verifier.VerifyAsync(token)).Verified);
        _clock.Now = Issuer.Now.AddDays(30).AddMinutes(5);
        Assert.Equal(CredentialErrors.Expired, (await verifier.VerifyAsync(token)).FirstError);
    }

    [Fact]
    public async Task A_VCDM_2_0_exp_claim_narrows_the_window_and_cannot_widen_it()
    {
        var issuer = Issuer.Generate(KeyType.Ed25519);
        var narrowed = Tokens.Resign(issuer.Key, issuer.Issue(CredentialFormat.VcdmV2Jose), (_, p) => p["exp"] = Issuer.Now.AddHours(-1).ToUnixTimeSeconds());
        var widened = Tokens.Resign(issuer.Key, issuer.Issue(CredentialFormat.VcdmV2Jose), (_, p) => p["exp"] = Issuer.Now.AddDays(400).ToUnixTimeSeconds());
        _clock.Now = Issuer.Now.AddDays(31);

        await AssertFails(narrowed, "validity", CredentialErrors.Expired);
        await AssertFails(widened, "validity", CredentialErrors.Expired);
    }

    [Fact]
    public async Task Reports_missing_types_an_unexpected_subject_and_an_untrusted_issuer()
    {
        var issuer = Issuer.Generate(KeyType.P256);
        var token = issuer.Issue(CredentialFormat.VcdmV2Jose);

        await AssertFails(token, "types", CredentialErrors.TypeMissing, new CredentialExpectations(Types: ["KycCredential"]));
        await AssertFails(token, "subject", CredentialErrors.SubjectMismatch, new CredentialExpectations(Subject: Vectors.DidKeyP256));
        await AssertFails(token, "issuer", CredentialErrors.UntrustedIssuer, new CredentialExpectations(TrustedIssuers: [Vectors.DidKeyP256]));
    }

    [Fact]
    public async Task Refuses_a_token_naming_two_issuers()
    {
        var issuer = Issuer.Generate(KeyType.Ed25519);

        await AssertFails(
            Tokens.Resign(issuer.Key, issuer.Issue(CredentialFormat.VcdmV1Jwt), (_, p) => p["vc"]!["issuer"] = Vectors.DidKeyP256),
            "issuer", CredentialErrors.IssuerMismatch);
        await AssertFails(
            Tokens.Resign(issuer.Key, issuer.Issue(CredentialFormat.VcdmV2Jose), (_, p) => p["iss"] = Vectors.DidKeyP256),
            "issuer", CredentialErrors.IssuerMismatch);
    }

    [Fact]
    public async Task Refuses_a_token_of_one_kind_presented_as_another()
    {
        var issuer = Issuer.Generate(KeyType.Ed25519);

        await AssertFails(Tokens.Resign(issuer.Key, issuer.Issue(CredentialFormat.VcdmV2Jose), (h, _) => h["typ"] = "vp+jwt"), "format", CredentialErrors.UnexpectedTyp);
        await AssertFails(Tokens.Resign(issuer.Key, issuer.Issue(CredentialFormat.VcdmV2Jose), (h, _) => h["typ"] = "JWT"), "format", CredentialErrors.Malformed);
        await AssertFails(Tokens.Resign(issuer.Key, issuer.Issue(CredentialFormat.VcdmV1Jwt), (h, _) => h["typ"] = "vc+jwt"), "format", CredentialErrors.Malformed);
        await AssertFails(Tokens.Resign(issuer.Key, issuer.Issue(CredentialFormat.VcdmV1Jwt), (_, p) => p["vp"] = new JsonObject()), "format", CredentialErrors.Malformed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("eyJhbGciOiJFZERTQSJ9.e30=.AA")]
    [InlineData("eyJhbGciOiJFZERTQSJ9.e30.AB")]
    [InlineData("not.a.jwt")]
    [InlineData("eyJhbGciOiJFZERTQSJ9.e+30.AA")]
    [InlineData("bm90IGpzb24.e30.AA")]
    [InlineData("eyJhbGciOiJFZERTQSJ9.bm90IGpzb24.AA")]
    [InlineData("eyJhbGciOiJFZERTQSJ9.WzFd.AA")]
    public async Task Refuses_broken_tokens_as_malformed_and_runs_nothing_else(string? token)
    {
        var result = await AssertFails(token, "format", CredentialErrors.Malformed);

        Assert.All(result.Checks.Skip(1), c => Assert.Equal(CheckOutcome.Skipped, c.Outcome));
    }

    [Theory]
    [InlineData("{\"iss\":\"did:example:1\",\"iss\":\"did:example:2\",\"nbf\":1,\"vc\":{}}")]
    [InlineData("{\"iss\":\"did:example:1\",\"nbf\":1,\"vc\":{\"type\":[\"VerifiableCredential\"],\"type\":[\"VerifiableCredential\",\"Admin\"]}}")]
    public async Task Refuses_a_payload_that_repeats_a_member_at_any_depth(string payload)
    {
        var issuer = Issuer.Generate(KeyType.Ed25519);

        var result = await AssertFails(Tokens.Sign(issuer.Key, "{\"alg\":\"EdDSA\",\"kid\":\"" + issuer.Kid + "\"}", payload), "format", CredentialErrors.Malformed);
        Assert.Contains("repeats", result.Checks[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_payload_whose_member_name_is_a_lone_surrogate_without_throwing()
    {
        // JSON lets a name escape half a surrogate pair; no text has it, and reading it as a string throws.
        var issuer = Issuer.Generate(KeyType.Ed25519);
        var payload = "{\"\\ud800\":1,\"iss\":\"" + issuer.Did + "\",\"nbf\":1,\"vc\":{}}";

        var result = await AssertFails(Tokens.Sign(issuer.Key, "{\"alg\":\"EdDSA\",\"kid\":\"" + issuer.Kid + "\"}", payload), "format", CredentialErrors.Malformed);
        Assert.Contains("not valid Unicode", result.Checks[0].Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("iss")]
    [InlineData("nbf")]
    [InlineData("vc.@context")]
    [InlineData("vc.type")]
    [InlineData("vc.credentialSubject")]
    public async Task Refuses_a_VCDM_1_1_token_without_a_required_member(string member)
    {
        var issuer = Issuer.Generate(KeyType.Ed25519);
        var token = Tokens.Resign(issuer.Key, issuer.Issue(CredentialFormat.VcdmV1Jwt), (_, p) =>
        {
            var path = member.Split('.');
            (path.Length == 1 ? p : p["vc"]!.AsObject()).Remove(path[^1]);
        });

        await AssertFails(token, "format", CredentialErrors.Malformed);
    }

    [Theory]
    [InlineData("validFrom", "2026-11-28")]
    [InlineData("validFrom", "2026-11-28T12:00:00")]
    [InlineData("validUntil", "tomorrow")]
    [InlineData("issuer", "not a did")]
    [InlineData("@context", "https://www.w3.org/2018/credentials/v1")]
    [InlineData("sub", "did:example:someone-else")]
    public async Task Refuses_a_VCDM_2_0_token_with_a_malformed_member(string member, string value)
    {
        var issuer = Issuer.Generate(KeyType.Ed25519);
        var token = Tokens.Resign(issuer.Key, issuer.Issue(CredentialFormat.VcdmV2Jose), (_, p) => p[member] = value);

        await AssertFails(token, "format", CredentialErrors.Malformed);
    }

    [Fact]
    public async Task Refuses_an_oversized_token_before_reading_it()
    {
        var verifier = Verifier(new CredentialVerifierOptions { MaxTokenLength = 1000 });

        var result = await verifier.VerifyAsync(new string('a', 1001));

        Assert.Equal(CredentialErrors.TooLarge, result.FirstError);
    }

    [Fact]
    public async Task A_status_entry_without_a_status_checker_fails_and_a_forged_one_is_never_checked()
    {
        var issuer = Issuer.Generate(KeyType.Ed25519);
        var status = new JsonObject { ["type"] = "BitstringStatusListEntry", ["statusPurpose"] = "revocation", ["statusListIndex"] = "7", ["statusListCredential"] = "https://issuer.example/status/1" };
        var token = issuer.Issue(CredentialFormat.VcdmV2Jose, issuer.Draft(status: status));
        var forged = Tokens.Resign(Issuer.Generate(KeyType.Ed25519).Key, token, (_, _) => { });
        var checker = new CountingStatusChecker();

        await AssertFails(token, "status", CredentialErrors.StatusUnchecked);
        var result = await new VcJwtVerifier(MethodDidResolver.Local(), checker, time: _clock).VerifyAsync(forged);

        Assert.Equal(CheckOutcome.Skipped, result.Check("status").Outcome);
        Assert.Equal(0, checker.Calls);
    }

    [Fact]
    public async Task The_result_serializes_as_JSON_a_CLI_can_print()
    {
        var issuer = Issuer.Generate(KeyType.Ed25519);
        var result = await Verifier().VerifyAsync(issuer.Issue(CredentialFormat.VcdmV1Jwt), new CredentialExpectations(Types: ["KycCredential"]));

        var json = JsonDocument.Parse(JsonSerializer.Serialize(result)).RootElement;

        Assert.False(json.GetProperty("verified").GetBoolean());
        Assert.Equal("vcdm1-jwt", json.GetProperty("format").GetString());
        var types = json.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "types");
        Assert.Equal("failed", types.GetProperty("outcome").GetString());
        Assert.Equal("typeMissing", types.GetProperty("error").GetString());
        var signature = json.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "signature");
        Assert.Equal("passed", signature.GetProperty("outcome").GetString());
        Assert.False(signature.TryGetProperty("error", out _));
    }

    private VcJwtVerifier Verifier(CredentialVerifierOptions? options = null) =>
        new(MethodDidResolver.Local(), null, options, _clock);

    private async Task<CredentialVerificationResult> AssertFails(string? token, string check, string error, CredentialExpectations? expectations = null)
    {
        var result = await Verifier().VerifyAsync(token, expectations);

        Assert.False(result.Verified);
        var failed = result.Check(check);
        Assert.True(failed.Outcome == CheckOutcome.Failed, JsonSerializer.Serialize(result.Checks));
        Assert.Equal(error, failed.Error);
        Assert.False(string.IsNullOrEmpty(failed.Detail));
        return result;
    }

    private sealed class CountingStatusChecker : ICredentialStatusChecker
    {
        public int Calls { get; private set; }

        public ValueTask<VerificationCheck> CheckAsync(JsonObject entry, string credentialIssuer, CancellationToken cancellationToken = default)
        {
            Calls++;
            return ValueTask.FromResult(VerificationCheck.Pass(CredentialChecks.Status));
        }
    }
}
