using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using MLGov.LocalHost;
using MLGov.OidcIssuer;
using MLGov.Platform.Tests.Identity.EntraApp;
using MLGov.Testing;

namespace MLGov.Platform.Tests.Identity;

/// <summary>
/// The <c>AzureAd</c> section: a half-configured or unsafe enterprise login stops the app at start,
/// an absent one switches it off (requests refused, never let through), and required roles apply to every token.
/// </summary>
public sealed class EntraLoginConfigurationTests : IClassFixture<DependenciesFixture>
{
    private readonly DependenciesFixture _fixture;

    public EntraLoginConfigurationTests(DependenciesFixture fixture)
    {
        _fixture = fixture;
    }

    private LocalOidcIssuer Issuer => _fixture.Dependencies.OidcIssuer;

    [Theory]
    [InlineData("AzureAd:Instance", "http://login.example.org/", "Instance")]
    [InlineData("AzureAd:Instance", "not a url", "Instance")]
    [InlineData("AzureAd:TenantId", "", "TenantId")]
    [InlineData("AzureAd:TenantId", "organizations", "AllowedTenants")]
    [InlineData("AzureAd:AllowedTenants:0", "contoso.onmicrosoft.com", "AllowedTenants")]
    [InlineData("AzureAd:RequiredRoles:0", " ", "RequiredRoles")]
    public async Task A_configured_but_unsafe_or_incomplete_login_fails_at_start(string key, string value, string named)
    {
        var configuration = _fixture.Configuration(new Dictionary<string, string?> { [key] = value });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(configuration));

        Assert.Contains($"AzureAd:{named}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_client_id_login_is_off_and_even_a_genuine_token_is_refused()
    {
        var configuration = _fixture.Configuration(new Dictionary<string, string?> { ["AzureAd:ClientId"] = null });
        await using var host = await StartAsync(configuration);
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        using var response = await GetAsync(client, Mint(["Member"]));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("not configured", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Required_roles_apply_to_every_function_behind_login()
    {
        var configuration = _fixture.Configuration(new Dictionary<string, string?> { ["AzureAd:RequiredRoles:0"] = "Federation.Member" });
        await using var host = await StartAsync(configuration);
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        using var refused = await GetAsync(client, Mint(["Member"]));
        using var accepted = await GetAsync(client, Mint(["Member", "Federation.Member"]));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("urn:mlgov:problem:forbidden", problem.RootElement.GetProperty("type").GetString());
        Assert.Contains("Federation.Member", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    private string Mint(IReadOnlyList<string> roles) => Issuer.Mint(new TokenRequest
    {
        TenantId = LocalOidcIssuer.DefaultTenantId,
        ObjectId = Guid.NewGuid().ToString(),
        Audience = LocalOidcIssuer.DefaultClientId,
        Roles = roles,
    });

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/entra/me", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    private static Task<LocalFunctionsHost> StartAsync(IConfiguration configuration) =>
        LocalFunctionsHost.StartAsync([EntraProbeApp.Definition], configuration, new LocalHostOptions { Port = 0, EnableTimers = false }, NullLoggerFactory.Instance, CancellationToken.None);
}
