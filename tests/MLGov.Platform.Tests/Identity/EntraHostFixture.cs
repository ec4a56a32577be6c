using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using MLGov.LocalHost;
using MLGov.OidcIssuer;
using MLGov.Platform.Tests.Identity.EntraApp;
using MLGov.Testing;

namespace MLGov.Platform.Tests.Identity;

/// <summary>
/// The probe app on two local hosts, both validating tokens of the shared local OIDC issuer
/// (the one DependenciesFixture starts): one configured as a single-tenant app exactly as the
/// dependencies' configuration says, one as a multi-tenant app (<c>organizations</c>) with an
/// allow-list of two tenants.
/// </summary>
public sealed class EntraHostFixture : IAsyncLifetime
{
    /// <summary>A second tenant, allowed by the multi-tenant host only.</summary>
    public const string PartnerTenant = "3f0c2e4a-8d1b-4c6e-9a7f-2b5d8e1c4a90";

    /// <summary>A tenant no host allows.</summary>
    public const string StrangerTenant = "9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

    private readonly DependenciesFixture _dependencies = new();

    public LocalOidcIssuer Issuer { get; private set; } = null!;

    /// <summary>What the hosts logged, shown when a test fails.</summary>
    public RecordingLoggerProvider Logs { get; } = new();

    public HttpClient SingleTenant { get; private set; } = null!;

    public HttpClient MultiTenant { get; private set; } = null!;

    private LocalFunctionsHost _single = null!;
    private LocalFunctionsHost _multi = null!;

    public async Task InitializeAsync()
    {
        await _dependencies.InitializeAsync();
        Issuer = _dependencies.Dependencies.OidcIssuer;
        _single = await StartAsync(_dependencies.Configuration());
        _multi = await StartAsync(_dependencies.Configuration(new Dictionary<string, string?>
        {
            ["AzureAd:TenantId"] = "organizations",
            ["AzureAd:AllowedTenants:0"] = LocalOidcIssuer.DefaultTenantId,
            ["AzureAd:AllowedTenants:1"] = PartnerTenant,
        }));
        SingleTenant = new HttpClient { BaseAddress = _single.BaseAddress };
        MultiTenant = new HttpClient { BaseAddress = _multi.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        SingleTenant.Dispose();
        MultiTenant.Dispose();
        await _single.DisposeAsync();
        await _multi.DisposeAsync();
    }

    private Task<LocalFunctionsHost> StartAsync(IConfiguration configuration) =>
        LocalFunctionsHost.StartAsync(
            [EntraProbeApp.Definition],
            configuration,
            new LocalHostOptions { Port = 0, EnableTimers = false },
            LoggerFactory.Create(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug)),
            CancellationToken.None);
}
