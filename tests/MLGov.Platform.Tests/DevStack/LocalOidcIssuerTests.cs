using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MLGov.OidcIssuer;
using MLGov.Testing;

namespace MLGov.Platform.Tests.DevStack;

/// <summary>
/// The local OIDC issuer as a client sees it: Entra ID v2.0's discovery and JWKS shapes, tokens
/// whose RS256 signature verifies with the published key (checked here with the BCL's RSA, not
/// with the library the apps validate with), refusals of bad token requests, and the dependencies'
/// configuration pointing the apps at it.
/// </summary>
public sealed class LocalOidcIssuerTests : IClassFixture<DependenciesFixture>
{
    private static readonly HttpClient Http = new();
    private readonly DependenciesFixture _fixture;

    public LocalOidcIssuerTests(DependenciesFixture fixture)
    {
        _fixture = fixture;
    }

    private LocalOidcIssuer Issuer => _fixture.Dependencies.OidcIssuer;

    [Fact]
    public async Task The_dependencies_configuration_points_AzureAd_at_a_working_issuer()
    {
        var configuration = _fixture.Configuration();
        var instance = new Uri(configuration["AzureAd:Instance"]!);
        var tenant = configuration["AzureAd:TenantId"]!;

        // Where Microsoft.Identity.Web looks: {Instance}{TenantId}/v2.0/.well-known/openid-configuration.
        using var discovery = JsonDocument.Parse(await Http.GetStringAsync(new Uri(instance, $"{tenant}/v2.0/.well-known/openid-configuration")));

        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(instance.Host)));
        Assert.Equal($"{instance.AbsoluteUri}{tenant}/v2.0", discovery.RootElement.GetProperty("issuer").GetString());
        Assert.Equal(LocalOidcIssuer.DefaultClientId, configuration["AzureAd:ClientId"]);
        using var keys = JsonDocument.Parse(await Http.GetStringAsync(new Uri(discovery.RootElement.GetProperty("jwks_uri").GetString()!)));
        Assert.Equal(Issuer.KeyId, keys.RootElement.GetProperty("keys")[0].GetProperty("kid").GetString());
    }

    [Fact]
    public async Task Discovery_has_the_entra_v2_shape_with_a_template_issuer_for_the_multi_tenant_aliases()
    {
        using var tenant = JsonDocument.Parse(await Http.GetStringAsync(Issuer.DiscoveryUrl(LocalOidcIssuer.DefaultTenantId)));
        using var organizations = JsonDocument.Parse(await Http.GetStringAsync(Issuer.DiscoveryUrl("organizations")));

        var root = tenant.RootElement;
        var instance = Issuer.Instance.AbsoluteUri;
        Assert.Equal($"{instance}{LocalOidcIssuer.DefaultTenantId}/v2.0", root.GetProperty("issuer").GetString());
        Assert.Equal($"{instance}{LocalOidcIssuer.DefaultTenantId}/discovery/v2.0/keys", root.GetProperty("jwks_uri").GetString());
        Assert.Equal($"{instance}{LocalOidcIssuer.DefaultTenantId}/oauth2/v2.0/token", root.GetProperty("token_endpoint").GetString());
        Assert.Contains("RS256", root.GetProperty("id_token_signing_alg_values_supported").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal($"{instance}{{tenantid}}/v2.0", organizations.RootElement.GetProperty("issuer").GetString());
    }

    [Fact]
    public async Task A_token_from_the_token_endpoint_carries_the_requested_claims_and_verifies_with_the_published_key()
    {
        var user = Guid.NewGuid().ToString();
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var response = await Http.PostAsync(Issuer.TokenEndpoint(LocalOidcIssuer.DefaultTenantId), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["oid"] = user,
            ["roles"] = "Member Auditor",
            ["name"] = "Ada Lovelace",
            ["preferred_username"] = "ada@example.org",
            ["lifetime"] = "600",
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Bearer", body.RootElement.GetProperty("token_type").GetString());
        Assert.Equal(600, body.RootElement.GetProperty("expires_in").GetInt32());
        var token = body.RootElement.GetProperty("access_token").GetString()!;

        var parts = token.Split('.');
        using var header = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[0]));
        using var claims = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]));
        Assert.Equal("RS256", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal(Issuer.KeyId, header.RootElement.GetProperty("kid").GetString());
        var c = claims.RootElement;
        Assert.Equal(Issuer.IssuerFor(LocalOidcIssuer.DefaultTenantId), c.GetProperty("iss").GetString());
        Assert.Equal(LocalOidcIssuer.DefaultClientId, c.GetProperty("aud").GetString());
        Assert.Equal(LocalOidcIssuer.DefaultTenantId, c.GetProperty("tid").GetString());
        Assert.Equal(user, c.GetProperty("oid").GetString());
        Assert.Equal(["Member", "Auditor"], c.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("Ada Lovelace", c.GetProperty("name").GetString());
        Assert.Equal("ada@example.org", c.GetProperty("preferred_username").GetString());
        Assert.Equal("2.0", c.GetProperty("ver").GetString());
        Assert.False(string.IsNullOrEmpty(c.GetProperty("sub").GetString()));
        var issuedAt = c.GetProperty("iat").GetInt64();
        Assert.InRange(issuedAt, before, before + 60);
        Assert.Equal(issuedAt, c.GetProperty("nbf").GetInt64());
        Assert.Equal(issuedAt + 600, c.GetProperty("exp").GetInt64());

        // RS256 (RFC 7518 3.3): RSASSA-PKCS1-v1_5 with SHA-256 over "header.payload", checked with the JWK's n and e.
        using var jwks = JsonDocument.Parse(await Http.GetStringAsync(new Uri(Issuer.Instance, $"{LocalOidcIssuer.DefaultTenantId}/discovery/v2.0/keys")));
        var jwk = jwks.RootElement.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("kid").GetString() == Issuer.KeyId);
        Assert.Equal("RSA", jwk.GetProperty("kty").GetString());
        Assert.Equal("sig", jwk.GetProperty("use").GetString());
        using var rsa = RSA.Create(new RSAParameters
        {
            Modulus = System.Buffers.Text.Base64Url.DecodeFromChars(jwk.GetProperty("n").GetString()),
            Exponent = System.Buffers.Text.Base64Url.DecodeFromChars(jwk.GetProperty("e").GetString()),
        });
        var signingInput = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        var signature = System.Buffers.Text.Base64Url.DecodeFromChars(parts[2]);
        Assert.True(rsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        signature[^1] ^= 1;
        Assert.False(rsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Theory]
    [InlineData(LocalOidcIssuer.DefaultTenantId, "roles=Member", "invalid_request")]
    [InlineData(LocalOidcIssuer.DefaultTenantId, "oid=not-a-guid", "invalid_request")]
    [InlineData(LocalOidcIssuer.DefaultTenantId, "oid=5c4bb732-9969-4779-ba02-4a9fc0709e22&lifetime=0", "invalid_request")]
    [InlineData(LocalOidcIssuer.DefaultTenantId, "oid=5c4bb732-9969-4779-ba02-4a9fc0709e22&lifetime=86401", "invalid_request")]
    [InlineData(LocalOidcIssuer.DefaultTenantId, "oid=5c4bb732-9969-4779-ba02-4a9fc0709e22&lifetime=1e3", "invalid_request")]
    [InlineData(LocalOidcIssuer.DefaultTenantId, "oid=5c4bb732-9969-4779-ba02-4a9fc0709e22&iat=yesterday", "invalid_request")]
    [InlineData("organizations", "oid=5c4bb732-9969-4779-ba02-4a9fc0709e22", "invalid_tenant")]
    [InlineData("contoso", "oid=5c4bb732-9969-4779-ba02-4a9fc0709e22", "invalid_tenant")]
    public async Task A_bad_token_request_is_refused_with_an_oauth_error(string tenant, string form, string error)
    {
        using var content = new StringContent(form, Encoding.ASCII, "application/x-www-form-urlencoded");
        using var response = await Http.PostAsync(Issuer.TokenEndpoint(tenant), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<Dictionary<string, string>>();
        Assert.Equal(error, body!["error"]);
        Assert.False(body.ContainsKey("access_token"));
    }

    [Fact]
    public async Task A_token_request_that_is_not_a_form_is_refused()
    {
        using var response = await Http.PostAsJsonAsync(Issuer.TokenEndpoint(LocalOidcIssuer.DefaultTenantId), new { oid = Guid.NewGuid() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await response.Content.ReadFromJsonAsync<Dictionary<string, string>>())!["error"]);
    }

    [Fact]
    public async Task Each_issuer_listens_on_loopback_with_a_key_of_its_own()
    {
        await using var other = await LocalOidcIssuer.StartAsync();

        Assert.Equal("127.0.0.1", other.Address.Host);
        Assert.NotEqual(Issuer.Address, other.Address);
        Assert.NotEqual(Issuer.KeyId, other.KeyId);
        var ours = await ModulusAsync(Issuer);
        var theirs = await ModulusAsync(other);
        Assert.NotEqual(ours, theirs);
        Assert.Equal(256, System.Buffers.Text.Base64Url.DecodeFromChars(ours).Length);
    }

    private static async Task<string> ModulusAsync(LocalOidcIssuer issuer)
    {
        using var jwks = JsonDocument.Parse(await Http.GetStringAsync(new Uri(issuer.Instance, "common/discovery/v2.0/keys")));
        return jwks.RootElement.GetProperty("keys")[0].GetProperty("n").GetString()!;
    }
}
