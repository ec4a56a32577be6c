using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MLGov.OidcIssuer;
using MLGov.Platform.Tests.Identity.EntraApp;

namespace MLGov.Platform.Tests.Identity;

/// <summary>
/// Entra ID bearer tokens through real HTTP functions on the local host, validated by
/// Microsoft.Identity.Web against the real local issuer's discovery document and JWKS. Every
/// refusal is a problem-details 401 or 403, never a 500.
/// </summary>
public sealed class EntraLoginTests : IClassFixture<EntraHostFixture>
{
    private const string Me = "api/entra/me";
    private const string Members = "api/entra/members";
    private static readonly string[] EscalatedRoles = [EntraProbeFunctions.RequiredRole];

    private readonly EntraHostFixture _fixture;

    public EntraLoginTests(EntraHostFixture fixture)
    {
        _fixture = fixture;
    }

    private LocalOidcIssuer Issuer => _fixture.Issuer;

    [Fact]
    public async Task A_token_from_the_issuer_is_accepted_and_its_tenant_object_roles_and_name_are_read_back()
    {
        var user = Guid.NewGuid().ToString();
        var token = await TokenAsync(new() { ["oid"] = user, ["roles"] = "Member Auditor", ["name"] = "Ada Lovelace" });

        using var response = await GetAsync(_fixture.SingleTenant, Me, token);

        using var body = await AssertOkAsync(response);
        Assert.Equal(LocalOidcIssuer.DefaultTenantId, body.RootElement.GetProperty("tenantId").GetString());
        Assert.Equal(user, body.RootElement.GetProperty("objectId").GetString());
        Assert.Equal(["Member", "Auditor"], body.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("Ada Lovelace", body.RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_request_without_an_authorization_header_is_401_with_a_bearer_challenge()
    {
        using var response = await _fixture.SingleTenant.GetAsync(new Uri(Me, UriKind.Relative));

        var detail = await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("Bearer", detail, StringComparison.Ordinal);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Bearer a.b.c")]
    [InlineData("Bearer eyJhbGciOiJSUzI1NiJ9.e30")]
    [InlineData("Bearer eyJ!!!.eyJ!!!.sig")]
    public async Task A_missing_or_malformed_bearer_token_is_401(string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Me, UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await _fixture.SingleTenant.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_401()
    {
        var token = await TokenAsync(new() { ["audience"] = Guid.NewGuid().ToString(), ["roles"] = "Member" });

        using var response = await GetAsync(_fixture.SingleTenant, Me, token);

        var detail = await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("audience", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_single_tenant_app_refuses_a_token_of_another_tenant_with_401()
    {
        var token = await TokenAsync(new() { ["roles"] = "Member" }, EntraHostFixture.PartnerTenant);

        using var response = await GetAsync(_fixture.SingleTenant, Me, token);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_multi_tenant_app_accepts_each_allowed_tenant_and_refuses_any_other_with_401()
    {
        foreach (var tenant in new[] { LocalOidcIssuer.DefaultTenantId, EntraHostFixture.PartnerTenant })
        {
            using var accepted = await GetAsync(_fixture.MultiTenant, Me, await TokenAsync(new() { ["roles"] = "Member" }, tenant));
            using var body = await AssertOkAsync(accepted);
            Assert.Equal(tenant, body.RootElement.GetProperty("tenantId").GetString());
        }

        using var refused = await GetAsync(_fixture.MultiTenant, Me, await TokenAsync(new() { ["roles"] = "Member" }, EntraHostFixture.StrangerTenant));

        var detail = await AssertProblemAsync(refused, HttpStatusCode.Unauthorized);
        Assert.Contains(EntraHostFixture.StrangerTenant, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_token_is_401()
    {
        // Issued two hours ago for one hour: expired by an hour, far beyond the five-minute clock skew.
        var issuedAt = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds();
        var token = await TokenAsync(new() { ["roles"] = "Member", ["iat"] = issuedAt.ToString(System.Globalization.CultureInfo.InvariantCulture), ["lifetime"] = "3600" });

        using var response = await GetAsync(_fixture.SingleTenant, Me, token);

        var detail = await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("expired", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_not_valid_yet_is_401()
    {
        var issuedAt = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var token = await TokenAsync(new() { ["roles"] = "Member", ["iat"] = issuedAt.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        using var response = await GetAsync(_fixture.SingleTenant, Me, token);

        var detail = await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("not valid yet", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_token_in_the_issuers_name_signed_with_a_key_it_never_published_is_401(bool sameKeyId)
    {
        // A second issuer claims the first one's name (and, in one case, its kid) but holds its own key.
        await using var impostor = await LocalOidcIssuer.StartAsync(new LocalOidcIssuerOptions
        {
            IssuerBase = Issuer.Instance,
            KeyId = sameKeyId ? Issuer.KeyId : null,
        });
        var forged = impostor.Mint(new TokenRequest
        {
            TenantId = LocalOidcIssuer.DefaultTenantId,
            ObjectId = Guid.NewGuid().ToString(),
            Audience = LocalOidcIssuer.DefaultClientId,
            Roles = ["Member"],
        });
        Assert.Equal(Issuer.IssuerFor(LocalOidcIssuer.DefaultTenantId), Claims(forged).GetProperty("iss").GetString());

        using var response = await GetAsync(_fixture.SingleTenant, Members, forged);

        var detail = await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("signature", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsigned_token_with_alg_none_is_401()
    {
        var genuine = await TokenAsync(new() { ["roles"] = "Member" });
        var parts = genuine.Split('.');
        var header = Segment(new { alg = "none", typ = "JWT" });

        foreach (var unsigned in new[] { $"{header}.{parts[1]}.", $"{header}.{parts[1]}" })
        {
            using var response = await GetAsync(_fixture.SingleTenant, Members, unsigned);
            await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task A_token_signed_with_hmac_keyed_by_the_published_rsa_key_is_401()
    {
        // The classic key-confusion attack: HS256 with the public key material as the shared secret.
        var genuine = await TokenAsync(new() { ["roles"] = "Member" });
        using var http = new HttpClient();
        var jwks = await http.GetStringAsync(new Uri(Issuer.Instance, $"{LocalOidcIssuer.DefaultTenantId}/discovery/v2.0/keys"));
        var modulus = JsonDocument.Parse(jwks).RootElement.GetProperty("keys")[0].GetProperty("n").GetString()!;
        var signingInput = Segment(new { alg = "HS256", typ = "JWT", kid = Issuer.KeyId }) + "." + genuine.Split('.')[1];

        foreach (var secret in new[] { Encoding.UTF8.GetBytes(jwks), System.Buffers.Text.Base64Url.DecodeFromChars(modulus) })
        {
            var forged = signingInput + "." + System.Buffers.Text.Base64Url.EncodeToString(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signingInput)));
            using var response = await GetAsync(_fixture.SingleTenant, Members, forged);
            await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task A_genuine_token_whose_claims_were_edited_is_401()
    {
        var genuine = (await TokenAsync(new() { ["roles"] = "Reader" })).Split('.');
        var claims = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(System.Buffers.Text.Base64Url.DecodeFromChars(genuine[1]))!;
        claims["roles"] = JsonSerializer.SerializeToElement(EscalatedRoles);
        var edited = $"{genuine[0]}.{Segment(claims)}.{genuine[2]}";

        using var response = await GetAsync(_fixture.SingleTenant, Members, edited);

        var detail = await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("signature", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_with_neither_roles_nor_scopes_is_401()
    {
        var token = await TokenAsync([]);

        using var response = await GetAsync(_fixture.SingleTenant, Me, token);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_valid_token_without_the_required_role_is_403_and_with_it_200()
    {
        var delegated = await TokenAsync(new() { ["scp"] = "Login.Bridge" });
        var reader = await TokenAsync(new() { ["roles"] = "Reader" });
        var member = await TokenAsync(new() { ["roles"] = "Reader " + EntraProbeFunctions.RequiredRole });

        using (var response = await GetAsync(_fixture.SingleTenant, Me, delegated))
        {
            (await AssertOkAsync(response)).Dispose();
        }

        foreach (var token in new[] { delegated, reader })
        {
            using var response = await GetAsync(_fixture.SingleTenant, Members, token);
            var detail = await AssertProblemAsync(response, HttpStatusCode.Forbidden);
            Assert.Contains(EntraProbeFunctions.RequiredRole, detail, StringComparison.Ordinal);
        }

        using var allowed = await GetAsync(_fixture.SingleTenant, Members, member);
        (await AssertOkAsync(allowed)).Dispose();
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    private async Task<JsonDocument> AssertOkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}\n{RecentLogs()}");
        return JsonDocument.Parse(text);
    }

    /// <summary>Asserts an RFC 9457 body with the status; returns its detail.</summary>
    private async Task<string> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{RecentLogs()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, body.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(
            status == HttpStatusCode.Unauthorized ? "urn:mlgov:problem:unauthorized" : "urn:mlgov:problem:forbidden",
            body.RootElement.GetProperty("type").GetString());
        if (status == HttpStatusCode.Unauthorized)
        {
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }

        return body.RootElement.GetProperty("detail").GetString()!;
    }

    /// <summary>A token from the issuer's dev token endpoint over HTTP, for the default user unless the form names one.</summary>
    private async Task<string> TokenAsync(Dictionary<string, string> form, string tenant = LocalOidcIssuer.DefaultTenantId)
    {
        form.TryAdd("oid", Guid.NewGuid().ToString());
        using var http = new HttpClient();
        using var content = new FormUrlEncodedContent(form);
        using var response = await http.PostAsync(Issuer.TokenEndpoint(tenant), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    private string RecentLogs() =>
        string.Join('\n', _fixture.Logs.Entries.TakeLast(8).Select(e => $"{e.Level} {e.Category}: {e.Message} {e.Exception}"));

    private static JsonElement Claims(string token) =>
        JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[1])).RootElement;

    private static string Segment(object value) => System.Buffers.Text.Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));
}
