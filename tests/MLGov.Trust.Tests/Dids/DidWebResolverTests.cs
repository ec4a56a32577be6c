using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using MLGov.Trust.Credentials;
using MLGov.Trust.Dids;
using MLGov.Trust.Http;
using MLGov.Trust.Jose;
using MLGov.Trust.Keys;
using MLGov.Trust.Tests.Credentials;
using MLGov.Trust.Tests.Http;

namespace MLGov.Trust.Tests.Dids;

public sealed class DidWebResolverTests : IAsyncLifetime, IDisposable
{
    private readonly LoopbackServer _server = new();
    private readonly HttpClient _http = new(BoundedHttpFetcher.CreateHandler());
    private readonly ManualClock _clock = new(Issuer.Now);

    private string Did => $"did:web:localhost%3A{_server.Port}";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Resolves_a_document_from_well_known_and_from_a_path()
    {
        _server.Serve("/.well-known/did.json", Document(Did));
        _server.Serve("/user/alice/did.json", Document(Did + ":user:alice"));

        var root = await Resolver().ResolveAsync(Did);
        var alice = await Resolver().ResolveAsync(Did + ":user:alice");

        Assert.True(root.Succeeded, root.DidResolutionMetadata.ErrorMessage);
        Assert.Equal(Did, (string)root.DidDocument!["id"]!);
        Assert.Equal("application/did+ld+json", root.DidResolutionMetadata.ContentType);
        Assert.True(alice.Succeeded, alice.DidResolutionMetadata.ErrorMessage);
        Assert.Equal(1, _server.Requests["/user/alice/did.json"]);
    }

    [Fact]
    public async Task Loopback_is_refused_without_the_development_flag_and_nothing_is_sent()
    {
        _server.Serve("/.well-known/did.json", Document(Did));

        var result = await Resolver(new HttpFetchOptions()).ResolveAsync(Did);

        Assert.Equal(DidResolutionErrors.InvalidDid, result.DidResolutionMetadata.Error);
        Assert.Equal(0, _server.TotalRequests);
    }

    [Fact]
    public async Task A_missing_document_is_notFound()
    {
        var result = await Resolver().ResolveAsync(Did + ":nobody");

        Assert.Equal(DidResolutionErrors.NotFound, result.DidResolutionMetadata.Error);
        Assert.Null(result.DidDocument);
    }

    [Fact]
    public async Task An_unreachable_host_is_an_internal_error()
    {
        var result = await Resolver().ResolveAsync($"did:web:localhost%3A{LoopbackServer.FreePort()}");

        Assert.Equal(DidResolutionErrors.InternalError, result.DidResolutionMetadata.Error);
    }

    [Fact]
    public async Task A_server_error_is_an_internal_error()
    {
        _server.Serve("/.well-known/did.json", "oops", status: 503);

        Assert.Equal(DidResolutionErrors.InternalError, (await Resolver().ResolveAsync(Did)).DidResolutionMetadata.Error);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_oversized_document_is_refused_with_or_without_a_length(bool chunked)
    {
        var padded = JsonNode.Parse(Document(Did))!.AsObject();
        padded["padding"] = new string('x', 20_000);
        _server.Serve("/.well-known/did.json", padded.ToJsonString(), chunked: chunked);

        var result = await Resolver(new HttpFetchOptions { AllowLoopbackHttp = true, MaxBodyBytes = 10_000 }).ResolveAsync(Did);

        Assert.Equal(DidResolutionErrors.InternalError, result.DidResolutionMetadata.Error);
        Assert.Contains("limit", result.DidResolutionMetadata.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_server_times_out()
    {
        _server.Serve("/.well-known/did.json", Document(Did), delay: TimeSpan.FromSeconds(10));
        var watch = Stopwatch.StartNew();

        var result = await Resolver(new HttpFetchOptions { AllowLoopbackHttp = true, Timeout = TimeSpan.FromMilliseconds(300) }).ResolveAsync(Did);

        Assert.Equal(DidResolutionErrors.InternalError, result.DidResolutionMetadata.Error);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData("{\"id\": ")]
    [InlineData("[1, 2]")]
    [InlineData("<html>not json</html>")]
    [InlineData("{\"id\":\"DID\",\"id\":\"did:web:evil.example\"}")]
    [InlineData("{\"id\":\"did:web:evil.example\"}")]
    [InlineData("{\"verificationMethod\":[]}")]
    public async Task A_malformed_document_or_one_of_another_DID_is_invalid(string body)
    {
        _server.Serve("/.well-known/did.json", body.Replace("DID", Did, StringComparison.Ordinal));

        var result = await Resolver().ResolveAsync(Did);

        Assert.Equal(DidResolutionErrors.InvalidDidDocument, result.DidResolutionMetadata.Error);
        Assert.Null(result.DidDocument);
    }

    [Fact]
    public async Task A_redirect_to_a_plain_HTTP_host_is_not_followed()
    {
        _server.Serve("/.well-known/did.json", string.Empty, status: 302, location: "http://example.com/did.json");

        var result = await Resolver().ResolveAsync(Did);

        Assert.Equal(DidResolutionErrors.InternalError, result.DidResolutionMetadata.Error);
        Assert.Contains("HTTPS", result.DidResolutionMetadata.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Documents_are_cached_for_the_TTL_and_failures_are_not()
    {
        var resolver = Resolver(options: new DidWebOptions { CacheTtl = TimeSpan.FromMinutes(5) });
        await resolver.ResolveAsync(Did);
        Assert.Equal(1, _server.Requests["/.well-known/did.json"]);

        _server.Serve("/.well-known/did.json", Document(Did));
        await resolver.ResolveAsync(Did);
        await resolver.ResolveAsync(Did);
        Assert.Equal(2, _server.Requests["/.well-known/did.json"]);

        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True((await resolver.ResolveAsync(Did)).Succeeded);
        Assert.Equal(3, _server.Requests["/.well-known/did.json"]);
    }

    [Theory]
    [InlineData("did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp", DidResolutionErrors.MethodNotSupported)]
    [InlineData("did:web:127.0.0.1", DidResolutionErrors.InvalidDid)]
    [InlineData("not a did", DidResolutionErrors.InvalidDid)]
    public async Task Reports_other_methods_and_bad_DIDs_without_fetching(string did, string error)
    {
        Assert.Equal(error, (await Resolver().ResolveAsync(did)).DidResolutionMetadata.Error);
        Assert.Equal(0, _server.TotalRequests);
    }

    [Theory]
    [InlineData(KeyType.Ed25519)]
    [InlineData(KeyType.Secp256k1)]
    [InlineData(KeyType.P256)]
    public async Task A_credential_from_a_did_web_issuer_verifies_through_its_served_document(KeyType type)
    {
        var key = SigningKey.Generate(type);
        var kid = Did + "#key-1";
        _server.Serve("/.well-known/did.json", new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/did/v1"),
            ["id"] = Did,
            ["verificationMethod"] = new JsonArray(new JsonObject
            {
                ["id"] = "#key-1",
                ["type"] = "JsonWebKey2020",
                ["controller"] = Did,
                ["publicKeyJwk"] = JsonNode.Parse(JsonSerializer.Serialize(Jwk.From(key.PublicKey))),
            }),
            ["assertionMethod"] = new JsonArray("#key-1"),
        }.ToJsonString());
        var resolver = new MethodDidResolver(new Dictionary<string, IDidResolver> { ["key"] = new DidKeyResolver(), ["web"] = Resolver() });
        var token = VcJwtIssuer.Issue(Issuer.From(key).Draft() with { Issuer = Did }, key, kid, CredentialFormat.VcdmV2Jose);

        var result = await new VcJwtVerifier(resolver, time: _clock).VerifyAsync(token);

        Assert.True(result.Verified, JsonSerializer.Serialize(result.Checks));
        Assert.Contains(kid, result.Check("signature").Detail, StringComparison.Ordinal);
    }

    private DidWebResolver Resolver(HttpFetchOptions? fetch = null, DidWebOptions? options = null) =>
        new(new BoundedHttpFetcher(_http, fetch ?? new HttpFetchOptions { AllowLoopbackHttp = true }), options, _clock);

    private static string Document(string did) => new JsonObject
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/did/v1"),
        ["id"] = did,
    }.ToJsonString();
}
