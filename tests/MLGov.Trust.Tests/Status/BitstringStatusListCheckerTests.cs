using System.Text.Json.Nodes;
using MLGov.Trust.Credentials;
using MLGov.Trust.Dids;
using MLGov.Trust.Keys;
using MLGov.Trust.Status;
using MLGov.Trust.Tests.Credentials;

namespace MLGov.Trust.Tests.Status;

public sealed class BitstringStatusListCheckerTests
{
    private static readonly Uri RevocationUrl = new("https://issuer.example/status/1");
    private static readonly Uri SuspensionUrl = new("https://issuer.example/status/2");

    private readonly ManualClock _clock = new(Issuer.Now);
    private readonly Issuer _issuer = Issuer.Generate(KeyType.Ed25519);
    private readonly ServedLists _served = new();
    private readonly BitstringStatusList _revocations = BitstringStatusList.Create();
    private readonly BitstringStatusList _suspensions = BitstringStatusList.Create();

    public BitstringStatusListCheckerTests()
    {
        Publish();
    }

    [Fact]
    public async Task A_credential_whose_bits_are_clear_verifies()
    {
        var result = await Verifier().VerifyAsync(CredentialWithStatus(40_000, 41_000));

        Assert.True(result.Verified, result.FirstError);
        Assert.Equal(CheckOutcome.Passed, result.Check("status").Outcome);
    }

    [Fact]
    public async Task Revoked_and_suspended_credentials_fail_by_name_and_unsuspending_restores_them_after_the_cache_time()
    {
        var verifier = Verifier(new StatusListCheckerOptions { MaxCacheTtl = TimeSpan.FromMinutes(5) });
        var revoked = CredentialWithStatus(7, 8);
        var suspended = CredentialWithStatus(9, 10);
        _revocations.Set(7, true);
        _suspensions.Set(10, true);
        Publish();

        Assert.Equal(CredentialErrors.Revoked, (await verifier.VerifyAsync(revoked)).Check("status").Error);
        Assert.Equal(CredentialErrors.Suspended, (await verifier.VerifyAsync(suspended)).Check("status").Error);

        _suspensions.Set(10, false);
        Publish();
        Assert.Equal(CredentialErrors.Suspended, (await verifier.VerifyAsync(suspended)).Check("status").Error);
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True((await verifier.VerifyAsync(suspended)).Verified);
    }

    [Fact]
    public async Task Lists_are_fetched_once_per_cache_time_and_a_shorter_ttl_in_the_list_wins()
    {
        var verifier = Verifier(new StatusListCheckerOptions { MaxCacheTtl = TimeSpan.FromMinutes(10) });
        var token = CredentialWithStatus(1, 2);

        await verifier.VerifyAsync(token);
        await verifier.VerifyAsync(token);
        Assert.Equal(1, _served.Fetches[RevocationUrl.AbsoluteUri]);

        _clock.Advance(TimeSpan.FromMinutes(10));
        await verifier.VerifyAsync(token);
        Assert.Equal(2, _served.Fetches[RevocationUrl.AbsoluteUri]);

        Publish(ttl: TimeSpan.FromSeconds(30));
        _clock.Advance(TimeSpan.FromMinutes(10));
        await verifier.VerifyAsync(token);
        _clock.Advance(TimeSpan.FromSeconds(30));
        await verifier.VerifyAsync(token);
        Assert.Equal(4, _served.Fetches[RevocationUrl.AbsoluteUri]);
    }

    [Fact]
    public async Task An_unreachable_list_is_a_failure_not_a_pass()
    {
        _served.Lists.Clear();

        var result = await Verifier().VerifyAsync(CredentialWithStatus(1, 2));

        Assert.False(result.Verified);
        Assert.Equal(CredentialErrors.StatusUnavailable, result.Check("status").Error);
    }

    [Fact]
    public async Task Refuses_an_all_clear_list_published_by_another_issuer()
    {
        var attacker = Issuer.Generate(KeyType.Ed25519);
        _revocations.Set(5, true);
        Publish();
        _served.Lists[RevocationUrl.AbsoluteUri] = attacker.Issue(
            CredentialFormat.VcdmV2Jose,
            StatusListCredentials.Draft(attacker.Did, RevocationUrl, StatusPurposes.Revocation, BitstringStatusList.Create(), Issuer.Now.AddDays(-1)));

        var result = await Verifier().VerifyAsync(CredentialWithStatus(5, 6));

        Assert.Equal(CredentialErrors.StatusUnavailable, result.Check("status").Error);
        Assert.Contains("not by the credential's issuer", result.Check("status").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_list_whose_signature_does_not_verify()
    {
        _served.Lists[RevocationUrl.AbsoluteUri] = Tokens.Resign(Issuer.Generate(KeyType.Ed25519).Key, _served.Lists[RevocationUrl.AbsoluteUri], (_, _) => { });

        Assert.Equal(CredentialErrors.StatusUnavailable, (await Verifier().VerifyAsync(CredentialWithStatus(1, 2))).Check("status").Error);
    }

    [Fact]
    public async Task Refuses_a_list_served_at_another_url_or_for_another_purpose()
    {
        var verifier = Verifier();
        // The suspension list served where the revocation list belongs: its id names the other URL.
        _served.Lists[RevocationUrl.AbsoluteUri] = _served.Lists[SuspensionUrl.AbsoluteUri];

        Assert.Equal(CredentialErrors.StatusUnavailable, (await verifier.VerifyAsync(CredentialWithStatus(1, 2))).Check("status").Error);

        // A revocation list at the right URL, but the entry asks for suspension there.
        Publish();
        var entry = StatusListCredentials.Entry(RevocationUrl, StatusPurposes.Suspension, 3);
        var token = _issuer.Issue(CredentialFormat.VcdmV2Jose, _issuer.Draft(status: entry));
        Assert.Equal(CredentialErrors.MalformedStatus, (await Verifier().VerifyAsync(token)).Check("status").Error);
    }

    [Theory]
    [InlineData("type", "StatusList2021Entry", CredentialErrors.UnsupportedStatus)]
    [InlineData("statusPurpose", "message", CredentialErrors.UnsupportedStatus)]
    [InlineData("statusSize", "2", CredentialErrors.UnsupportedStatus)]
    [InlineData("statusListIndex", "131072", CredentialErrors.MalformedStatus)]
    [InlineData("statusListIndex", "007", CredentialErrors.MalformedStatus)]
    [InlineData("statusListIndex", "-1", CredentialErrors.MalformedStatus)]
    [InlineData("statusListIndex", "1e3", CredentialErrors.MalformedStatus)]
    [InlineData("statusListIndex", "99999999999", CredentialErrors.MalformedStatus)]
    [InlineData("statusListCredential", "/status/1", CredentialErrors.MalformedStatus)]
    [InlineData("statusListCredential", "file:///etc/passwd", CredentialErrors.MalformedStatus)]
    public async Task Refuses_malformed_and_unsupported_entries(string member, string value, string error)
    {
        var entry = StatusListCredentials.Entry(RevocationUrl, StatusPurposes.Revocation, 3);
        entry[member] = member == "statusSize" ? JsonValue.Create(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)) : value;
        var token = _issuer.Issue(CredentialFormat.VcdmV2Jose, _issuer.Draft(status: entry));

        var result = await Verifier().VerifyAsync(token);

        Assert.False(result.Verified);
        Assert.Equal(error, result.Check("status").Error);
    }

    [Fact]
    public async Task The_list_credential_has_the_specs_shape()
    {
        var payload = Tokens.Payload(_served.Lists[RevocationUrl.AbsoluteUri]);

        Assert.Equal(["VerifiableCredential", "BitstringStatusListCredential"], payload["type"]!.AsArray().Select(t => (string)t!));
        Assert.Equal(RevocationUrl.AbsoluteUri, (string)payload["id"]!);
        Assert.Equal(RevocationUrl.AbsoluteUri + "#list", (string)payload["credentialSubject"]!["id"]!);
        Assert.Equal("BitstringStatusList", (string)payload["credentialSubject"]!["type"]!);
        Assert.Equal("revocation", (string)payload["credentialSubject"]!["statusPurpose"]!);
        Assert.StartsWith("uH4sI", (string)payload["credentialSubject"]!["encodedList"]!, StringComparison.Ordinal);
        var entry = StatusListCredentials.Entry(RevocationUrl, StatusPurposes.Revocation, 94_567);
        Assert.Equal("94567", (string)entry["statusListIndex"]!);
        Assert.Equal("https://issuer.example/status/1#94567", (string)entry["id"]!);
        Assert.True((await Verifier().VerifyAsync(_served.Lists[RevocationUrl.AbsoluteUri])).Verified);
    }

    private VcJwtVerifier Verifier(StatusListCheckerOptions? options = null)
    {
        var resolver = MethodDidResolver.Local();
        var checker = new BitstringStatusListChecker(_served, new VcJwtVerifier(resolver, time: _clock), options, _clock);
        return new VcJwtVerifier(resolver, checker, time: _clock);
    }

    private string CredentialWithStatus(int revocationIndex, int suspensionIndex)
    {
        var draft = _issuer.Draft() with { Status = null };
        var token = _issuer.Issue(CredentialFormat.VcdmV2Jose, draft);
        // Two entries, as an issuer that can both revoke and suspend writes them.
        return Tokens.Resign(_issuer.Key, token, (_, p) => p["credentialStatus"] = new JsonArray(
            StatusListCredentials.Entry(RevocationUrl, StatusPurposes.Revocation, revocationIndex),
            StatusListCredentials.Entry(SuspensionUrl, StatusPurposes.Suspension, suspensionIndex)));
    }

    private void Publish(TimeSpan? ttl = null)
    {
        _served.Lists[RevocationUrl.AbsoluteUri] = _issuer.Issue(CredentialFormat.VcdmV2Jose,
            StatusListCredentials.Draft(_issuer.Did, RevocationUrl, StatusPurposes.Revocation, _revocations, Issuer.Now.AddDays(-1), ttl: ttl));
        _served.Lists[SuspensionUrl.AbsoluteUri] = _issuer.Issue(CredentialFormat.VcdmV2Jose,
            StatusListCredentials.Draft(_issuer.Did, SuspensionUrl, StatusPurposes.Suspension, _suspensions, Issuer.Now.AddDays(-1), ttl: ttl));
    }

    /// <summary>Status list credentials served from memory, counting fetches per URL.</summary>
    private sealed class ServedLists : IStatusListFetcher
    {
        public Dictionary<string, string> Lists { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, int> Fetches { get; } = new(StringComparer.Ordinal);

        public ValueTask<StatusListFetch> FetchAsync(Uri url, CancellationToken cancellationToken = default)
        {
            Fetches[url.AbsoluteUri] = Fetches.GetValueOrDefault(url.AbsoluteUri) + 1;
            return ValueTask.FromResult(Lists.TryGetValue(url.AbsoluteUri, out var list)
                ? StatusListFetch.Fetched(list)
                : StatusListFetch.Failed($"{url} answered 404."));
        }
    }
}
