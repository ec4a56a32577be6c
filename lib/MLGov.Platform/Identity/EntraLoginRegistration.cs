using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;

namespace MLGov.Platform.Identity;

/// <summary>
/// Enterprise login: Entra ID bearer tokens validated by Microsoft.Identity.Web (authority,
/// discovery and JWKS through its configuration manager, issuer, audience, lifetime, signature),
/// plus the tenant allow-list and required roles of <see cref="EntraLoginOptions"/>. Functions
/// call <see cref="EntraTokenValidator"/>; the same code runs in Azure's worker and on the local
/// host, where the <c>AzureAd</c> section points at the local OIDC issuer.
/// </summary>
public static class EntraLoginRegistration
{
    /// <summary>The authentication scheme Microsoft.Identity.Web's JwtBearer handler is registered under.</summary>
    public const string Scheme = "EntraBearer";

    public static IServiceCollection AddEntraLogin(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(EntraLoginOptions.SectionName);
        services.AddOptions<EntraLoginOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<EntraTokenValidator>();
        if (string.IsNullOrWhiteSpace(section[nameof(EntraLoginOptions.ClientId)]))
        {
            // No app registration: the validator refuses every request saying so; nothing to configure.
            return services;
        }

        services.AddAuthentication().AddMicrosoftIdentityWebApi(section, Scheme, subscribeToJwtBearerMiddlewareDiagnosticsEvents: false);
        services.Configure<JwtBearerOptions>(Scheme, jwt =>
        {
            // Entra signs with RS256 only; anything else (none, HS256 keyed with the public key) is refused by name.
            jwt.TokenValidationParameters.ValidAlgorithms = ["RS256"];

            // Claims keep their token names (tid, oid, roles) instead of WS-* URIs.
            jwt.MapInboundClaims = false;

            // Metadata over plain HTTP only from the local issuer on loopback; https everywhere else.
            var instance = section[nameof(EntraLoginOptions.Instance)];
            jwt.RequireHttpsMetadata = !EntraLoginOptions.IsLoopbackHttp(instance);

            // The v2.0 issuer Entra's discovery document names for the configured tenant (a {tenantid}
            // template for 'organizations'), given up front so Microsoft.Identity.Web's issuer validator
            // matches the token's iss against it (tid substituted) without a metadata fetch of its own:
            // that fetch insists on https, and both environments should take the same path.
            jwt.TokenValidationParameters.ValidIssuers = [EntraLoginOptions.IssuerFor(instance, section[nameof(EntraLoginOptions.TenantId)])];
        });

        // After Microsoft.Identity.Web has set its events: the tenant allow-list runs first on every
        // token that passed validation, before Microsoft.Identity.Web's own check (scp or roles present).
        services.AddOptions<JwtBearerOptions>(Scheme).PostConfigure<IOptions<EntraLoginOptions>>((jwt, login) =>
        {
            var allowed = login.Value.EffectiveAllowedTenants;
            var events = jwt.Events ??= new JwtBearerEvents();
            var validated = events.OnTokenValidated;
            events.OnTokenValidated = async context =>
            {
                var tenant = context.Principal?.FindFirst("tid")?.Value;
                if (tenant is null || !allowed.Contains(tenant.ToLowerInvariant()))
                {
                    context.Fail(new EntraTenantNotAllowedException($"Tokens from tenant '{tenant}' are not accepted here."));
                    return;
                }

                await validated(context).ConfigureAwait(false);
            };
        });
        return services;
    }
}
