using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace MLGov.Identity.Tests.Resolution;

/// <summary>GET /api/identity/1.0/identifiers/{did} over HTTP on the in-process host, with the Universal Resolver's shape.</summary>
public sealed class DidResolutionRouteTests : IClassFixture<IdentityHostFixture>
{
    // did:key spec (W3C CCG did:key v0.7) test vectors: one per key type.
    private const string Ed25519Did = "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp";
    private const string Secp256k1Did = "did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme";
    private const string P256Did = "did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169";

    private readonly HttpClient _client;

    public DidResolutionRouteTests(IdentityHostFixture fixture)
    {
        _client = fixture.Client;
    }

    private async Task<(HttpStatusCode Status, string? ContentType, JsonObject Body)> ResolveAsync(string escapedDid, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/identity/1.0/identifiers/" + escapedDid, UriKind.Relative));
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, JsonNode.Parse(text)!.AsObject());
    }

    [Theory]
    [InlineData(Ed25519Did)]
    [InlineData(Secp256k1Did)]
    [InlineData(P256Did)]
    public async Task The_did_key_spec_vectors_resolve_to_a_resolution_result_whose_document_lists_the_key_under_every_relationship(string did)
    {
        var (status, contentType, body) = await ResolveAsync(did);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/did-resolution", contentType);
        var document = body["didDocument"]!.AsObject();
        Assert.Equal(did, (string?)document["id"]);
        var fragment = did["did:key:".Length..];
        var method = document["verificationMethod"]!.AsArray().Single(m => (string?)m!["id"] == $"{did}#{fragment}")!;
        Assert.Equal(fragment, (string?)method["publicKeyMultibase"]);
        foreach (var relationship in new[] { "authentication", "assertionMethod", "capabilityInvocation", "capabilityDelegation" })
        {
            Assert.Contains($"{did}#{fragment}", document[relationship]!.AsArray().Select(r => (string?)r));
        }

        Assert.Equal("application/did+ld+json", (string?)body["didResolutionMetadata"]!["contentType"]);
        Assert.Null(body["didResolutionMetadata"]!["error"]);
        Assert.NotNull(body["didDocumentMetadata"]);
    }

    [Fact]
    public async Task Asking_for_a_did_document_media_type_returns_only_the_document_with_that_type()
    {
        var (status, contentType, body) = await ResolveAsync(Ed25519Did, "application/did+ld+json");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/did+ld+json", contentType);
        Assert.Equal(Ed25519Did, (string?)body["id"]);
        Assert.Null(body["didResolutionMetadata"]);
    }

    [Fact]
    public async Task A_did_pkh_eip155_account_resolves()
    {
        // did:pkh spec example (CAIP-10 account on Ethereum mainnet).
        const string did = "did:pkh:eip155:1:0xb9c5714089478a327f09197987f16f9e5d936e8a";
        var (status, _, body) = await ResolveAsync(did);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(did, (string?)body["didDocument"]!["id"]);
    }

    [Theory]
    [InlineData("not-a-did")]
    [InlineData("did:")]
    [InlineData("did:key:")]
    [InlineData("did:key:zzzz")]
    [InlineData("did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooW0")] // 0 is not a base58btc digit
    [InlineData("did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDoo")] // truncated key
    [InlineData("did:web:127.0.0.1")] // did:web forbids IP addresses
    [InlineData("did:web:example.com%3A99999")] // port out of range
    [InlineData("did:web:example.com:..")]
    [InlineData("did:web:exa%2Fmple.com")]
    [InlineData("did:pkh:eip155:1:0x12")]
    [InlineData("did%3Akey%3A%25%25")]
    public async Task A_malformed_did_is_400_invalidDid_with_a_resolution_result_never_a_500(string escapedDid)
    {
        var (status, contentType, body) = await ResolveAsync(escapedDid);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/did-resolution", contentType);
        Assert.Equal("invalidDid", (string?)body["didResolutionMetadata"]!["error"]);
        Assert.Null(body["didDocument"]);
    }

    [Theory]
    [InlineData("did:example:123456789abcdefghi")]
    [InlineData("did:ethr:0xb9c5714089478a327f09197987f16f9e5d936e8a")]
    public async Task An_unsupported_method_is_501_methodNotSupported(string did)
    {
        var (status, _, body) = await ResolveAsync(did);

        Assert.Equal(HttpStatusCode.NotImplemented, status);
        Assert.Equal("methodNotSupported", (string?)body["didResolutionMetadata"]!["error"]);
        Assert.Null(body["didDocument"]);
    }

    [Fact]
    public async Task A_did_web_on_a_real_loopback_server_resolves_through_the_route_with_its_port_percent_encoded()
    {
        await using var server = await LoopbackDidWebServer.StartAsync(port => new Dictionary<string, string>
        {
            ["/.well-known/did.json"] = Document($"did:web:localhost%3A{port}"),
            ["/users/alice/did.json"] = Document($"did:web:localhost%3A{port}:users:alice"),
        });

        foreach (var did in new[] { server.Did(), server.Did("users:alice") })
        {
            var (status, contentType, body) = await ResolveAsync(did);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("application/did-resolution", contentType);
            Assert.Equal(did, (string?)body["didDocument"]!["id"]);
            Assert.Equal("application/did+ld+json", (string?)body["didResolutionMetadata"]!["contentType"]);
        }

        // A client that escapes the whole DID (encodeURIComponent) reaches the same document.
        var (escapedStatus, _, escapedBody) = await ResolveAsync(Uri.EscapeDataString(server.Did()));
        Assert.Equal(HttpStatusCode.OK, escapedStatus);
        Assert.Equal(server.Did(), (string?)escapedBody["didDocument"]!["id"]);
    }

    [Fact]
    public async Task A_did_web_the_server_does_not_have_is_404_notFound()
    {
        await using var server = await LoopbackDidWebServer.StartAsync(_ => new Dictionary<string, string>());

        var (status, _, body) = await ResolveAsync(server.Did("nobody"));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("notFound", (string?)body["didResolutionMetadata"]!["error"]);
    }

    [Fact]
    public async Task An_oversized_a_foreign_or_an_unreadable_did_web_document_is_refused_with_the_library_error_as_502()
    {
        await using var server = await LoopbackDidWebServer.StartAsync(port => new Dictionary<string, string>
        {
            // The fixture's limit is 4096 bytes.
            ["/big/did.json"] = Document($"did:web:localhost%3A{port}:big", new string('a', 8192)),
            ["/other/did.json"] = Document("did:web:example.com"),
            ["/broken/did.json"] = "{\"id\": ",
        });

        var big = await ResolveAsync(server.Did("big"));
        Assert.Equal(HttpStatusCode.BadGateway, big.Status);
        Assert.Equal("internalError", (string?)big.Body["didResolutionMetadata"]!["error"]);

        foreach (var path in new[] { "other", "broken" })
        {
            var (status, _, body) = await ResolveAsync(server.Did(path));
            Assert.Equal(HttpStatusCode.BadGateway, status);
            Assert.Equal("invalidDidDocument", (string?)body["didResolutionMetadata"]!["error"]);
            Assert.Null(body["didDocument"]);
        }
    }

    [Fact]
    public async Task An_unreachable_did_web_host_is_502_internalError()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var (status, _, body) = await ResolveAsync($"did:web:localhost%3A{port}");

        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Equal("internalError", (string?)body["didResolutionMetadata"]!["error"]);
    }

    [Fact]
    public async Task The_route_is_in_the_identity_openapi_document_for_anonymous_callers()
    {
        using var response = await _client.GetAsync(new Uri("api/identity/openapi.json", UriKind.Relative));
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        var operation = document["paths"]!["/api/identity/1.0/identifiers/{did}"]!["get"]!;
        Assert.Equal("IdentityResolveDid", (string?)operation["operationId"]);
        foreach (var code in new[] { "200", "400", "404", "501", "502" })
        {
            Assert.NotNull(operation["responses"]![code]);
        }

        Assert.Null(operation["responses"]!["401"]);
    }

    private static string Document(string id, string? padding = null) => new JsonObject
    {
        ["@context"] = "https://www.w3.org/ns/did/v1",
        ["id"] = id,
        ["padding"] = padding,
    }.ToJsonString();
}
