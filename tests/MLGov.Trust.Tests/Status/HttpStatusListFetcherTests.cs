using MLGov.Trust.Credentials;
using MLGov.Trust.Dids;
using MLGov.Trust.Http;
using MLGov.Trust.Keys;
using MLGov.Trust.Status;
using MLGov.Trust.Tests.Credentials;
using MLGov.Trust.Tests.Http;

namespace MLGov.Trust.Tests.Status;

public sealed class HttpStatusListFetcherTests : IAsyncLifetime, IDisposable
{
    private readonly LoopbackServer _server = new();
    private readonly HttpClient _http = new(BoundedHttpFetcher.CreateHandler());
    private readonly ManualClock _clock = new(Issuer.Now);
    private readonly Issuer _issuer = Issuer.Generate(KeyType.Ed25519);

    private Uri ListUrl => new($"http://localhost:{_server.Port}/status/1");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task A_revocation_published_over_HTTP_is_seen_by_the_verifier()
    {
        var list = BitstringStatusList.Create();
        list.Set(4242, true);
        Publish(list);
        var revoked = Credential(4242);
        var valid = Credential(4243);
        var verifier = Verifier(new HttpFetchOptions { AllowLoopbackHttp = true });

        Assert.Equal(CredentialErrors.Revoked, (await verifier.VerifyAsync(revoked)).Check("status").Error);
        Assert.True((await verifier.VerifyAsync(valid)).Verified);
        Assert.Equal(1, _server.Requests["/status/1"]);
    }

    [Fact]
    public async Task Without_the_development_flag_a_loopback_list_is_not_fetched()
    {
        Publish(BitstringStatusList.Create());

        var result = await Verifier(new HttpFetchOptions()).VerifyAsync(Credential(1));

        Assert.Equal(CredentialErrors.StatusUnavailable, result.Check("status").Error);
        Assert.Equal(0, _server.TotalRequests);
    }

    [Fact]
    public async Task An_oversized_list_credential_is_not_read()
    {
        Publish(BitstringStatusList.Create());

        var result = await Verifier(new HttpFetchOptions { AllowLoopbackHttp = true, MaxBodyBytes = 200 }).VerifyAsync(Credential(1));

        Assert.Equal(CredentialErrors.StatusUnavailable, result.Check("status").Error);
        Assert.Contains("limit", result.Check("status").Detail, StringComparison.Ordinal);
    }

    private void Publish(BitstringStatusList list) => _server.Serve("/status/1", _issuer.Issue(CredentialFormat.VcdmV2Jose,
        StatusListCredentials.Draft(_issuer.Did, ListUrl, StatusPurposes.Revocation, list, Issuer.Now.AddDays(-1))));

    private string Credential(int index) =>
        _issuer.Issue(CredentialFormat.VcdmV1Jwt, _issuer.Draft(status: StatusListCredentials.Entry(ListUrl, StatusPurposes.Revocation, index)));

    private VcJwtVerifier Verifier(HttpFetchOptions options)
    {
        var resolver = MethodDidResolver.Local();
        var fetcher = new HttpStatusListFetcher(new BoundedHttpFetcher(_http, options));
        return new VcJwtVerifier(resolver, new BitstringStatusListChecker(fetcher, new VcJwtVerifier(resolver, time: _clock), time: _clock), time: _clock);
    }
}
