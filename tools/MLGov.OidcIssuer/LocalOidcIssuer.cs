using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MLGov.OidcIssuer;

/// <summary>
/// A local OpenID Connect issuer shaped like Microsoft Entra ID's v2.0 endpoints, so
/// Microsoft.Identity.Web validates its tokens with the same code that validates Entra's:
/// <list type="bullet">
/// <item><c>GET {base}/{tenant}/v2.0/.well-known/openid-configuration</c>: discovery, with the issuer
/// <c>{base}/{tenant}/v2.0</c> (<c>{base}/{tenantid}/v2.0</c>, a template, for <c>common</c> and <c>organizations</c>);</item>
/// <item><c>GET {base}/{tenant}/discovery/v2.0/keys</c>: the JWKS, one RSA key (RS256) generated per run;</item>
/// <item><c>POST {base}/{tenant}/oauth2/v2.0/token</c>: dev only, mints an access token for whatever the
/// form asks (<c>oid</c>, <c>roles</c>, <c>audience</c>, ...); no client authentication.</item>
/// </list>
/// It listens on 127.0.0.1 only and is never part of a deployment: it lives in tools/ and no app references it.
/// </summary>
public sealed class LocalOidcIssuer : IAsyncDisposable
{
    /// <summary>The tenant of local runs (a fixed id, so tokens minted by hand keep working across restarts).</summary>
    public const string DefaultTenantId = "5c4bb732-9969-4779-ba02-4a9fc0709e21";

    /// <summary>The client (application) id the local apps accept as audience.</summary>
    public const string DefaultClientId = "5cde3866-0f30-4351-bd60-fea2e22c775a";

    private const string TenantTemplate = "{tenantid}";
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(1);

    private readonly WebApplication _web;
    private readonly RSA _key;
    private readonly Uri? _issuerBase;

    private LocalOidcIssuer(WebApplication web, RSA key, string keyId, Uri? issuerBase)
    {
        _web = web;
        _key = key;
        KeyId = keyId;
        _issuerBase = issuerBase;
    }

    /// <summary>Where it listens, for example http://127.0.0.1:41234/.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The base of its issuer and endpoint URLs (Microsoft.Identity.Web's <c>Instance</c>), with a trailing slash.</summary>
    public Uri Instance => _issuerBase ?? Address;

    /// <summary>The <c>kid</c> of its signing key.</summary>
    public string KeyId { get; }

    public static async Task<LocalOidcIssuer> StartAsync(LocalOidcIssuerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalOidcIssuerOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        var web = builder.Build();
        var key = RSA.Create(2048);
        var issuerBase = options.IssuerBase is { } configured ? new Uri(configured.AbsoluteUri.TrimEnd('/') + "/") : null;
        var issuer = new LocalOidcIssuer(web, key, options.KeyId ?? RandomKeyId(), issuerBase);
        issuer.Map(web);
        try
        {
            await web.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await issuer.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        issuer.Address = new Uri(address.TrimEnd('/') + "/");
        return issuer;
    }

    /// <summary>The <c>iss</c> of tokens for <paramref name="tenantId"/>: <c>{base}/{tenant}/v2.0</c>.</summary>
    public string IssuerFor(string tenantId) => $"{Instance.AbsoluteUri}{tenantId}/v2.0";

    /// <summary>The discovery document's URL for a tenant (or <c>common</c> / <c>organizations</c>).</summary>
    public Uri DiscoveryUrl(string tenantId) => new($"{IssuerFor(tenantId)}/.well-known/openid-configuration");

    public Uri TokenEndpoint(string tenantId) => new($"{Instance.AbsoluteUri}{tenantId}/oauth2/v2.0/token");

    /// <summary>Mints a signed access token in process, as the token endpoint does over HTTP.</summary>
    public string Mint(TokenRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var issuedAt = (request.IssuedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var expires = issuedAt + (long)request.Lifetime.TotalSeconds;
        var header = Json(w =>
        {
            w.WriteString("typ", "JWT");
            w.WriteString("alg", "RS256");
            w.WriteString("kid", KeyId);
        });
        var payload = Json(w =>
        {
            w.WriteString("aud", request.Audience);
            w.WriteString("iss", IssuerFor(request.TenantId));
            w.WriteNumber("iat", issuedAt);
            w.WriteNumber("nbf", issuedAt);
            w.WriteNumber("exp", expires);
            if (request.Name is not null)
            {
                w.WriteString("name", request.Name);
            }

            w.WriteString("oid", request.ObjectId);
            if (request.PreferredUsername is not null)
            {
                w.WriteString("preferred_username", request.PreferredUsername);
            }

            if (request.Roles.Count > 0)
            {
                w.WriteStartArray("roles");
                foreach (var role in request.Roles)
                {
                    w.WriteStringValue(role);
                }

                w.WriteEndArray();
            }

            if (request.Scope is not null)
            {
                w.WriteString("scp", request.Scope);
            }

            // Entra's sub is pairwise: the same user has a different sub for each application.
            w.WriteString("sub", System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(request.ObjectId + "|" + request.Audience))));
            w.WriteString("tid", request.TenantId);
            w.WriteString("uti", System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)));
            w.WriteString("ver", "2.0");
        });
        var signingInput = System.Buffers.Text.Base64Url.EncodeToString(header) + "." + System.Buffers.Text.Base64Url.EncodeToString(payload);
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + System.Buffers.Text.Base64Url.EncodeToString(signature);
    }

    public async ValueTask DisposeAsync()
    {
        await _web.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _web.DisposeAsync().ConfigureAwait(false);
        _key.Dispose();
    }

    private static string RandomKeyId() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(15));

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static bool IsTenantId(string tenant) => Guid.TryParseExact(tenant, "D", out _);

    /// <summary>A tenant id, or one of the multi-tenant aliases whose issuer is a template.</summary>
    private static bool IsTenantSegment(string tenant) => IsTenantId(tenant) || tenant is "common" or "organizations";

    private static IResult OAuthError(string error, string description, int status = StatusCodes.Status400BadRequest) =>
        Results.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, statusCode: status);

    private void Map(WebApplication web)
    {
        // Loopback only: Kestrel listens on 127.0.0.1, and a request that somehow arrives otherwise is refused.
        web.Use(async (context, next) =>
        {
            if (context.Connection.RemoteIpAddress is not { } remote || !IPAddress.IsLoopback(remote))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            context.Response.Headers.CacheControl = "no-store";
            await next(context).ConfigureAwait(false);
        });
        web.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) =>
            IsTenantSegment(tenant) ? Results.Json(Discovery(tenant)) : OAuthError("invalid_tenant", "The tenant must be a tenant id (GUID), 'common' or 'organizations'."));
        web.MapGet("/{tenant}/discovery/v2.0/keys", (string tenant) =>
            IsTenantSegment(tenant) ? Results.Json(Keys()) : OAuthError("invalid_tenant", "The tenant must be a tenant id (GUID), 'common' or 'organizations'."));
        web.MapPost("/{tenant}/oauth2/v2.0/token", (string tenant, HttpRequest request, CancellationToken cancellationToken) => IssueAsync(tenant, request, cancellationToken));
        web.MapGet("/{tenant}/oauth2/v2.0/authorize", () =>
            OAuthError("unsupported_response_type", "This local issuer only mints tokens at its dev token endpoint (POST /{tenant}/oauth2/v2.0/token)."));
    }

    private Dictionary<string, object> Discovery(string tenant)
    {
        var issuerTenant = IsTenantId(tenant) ? tenant : TenantTemplate;
        var endpoints = $"{Instance.AbsoluteUri}{tenant}";
        return new Dictionary<string, object>
        {
            ["issuer"] = IssuerFor(issuerTenant),
            ["authorization_endpoint"] = $"{endpoints}/oauth2/v2.0/authorize",
            ["token_endpoint"] = $"{endpoints}/oauth2/v2.0/token",
            ["jwks_uri"] = $"{endpoints}/discovery/v2.0/keys",
            ["token_endpoint_auth_methods_supported"] = new[] { "none" },
            ["response_types_supported"] = new[] { "token" },
            ["subject_types_supported"] = new[] { "pairwise" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["scopes_supported"] = new[] { "openid", "profile" },
            ["claims_supported"] = new[] { "iss", "aud", "tid", "oid", "sub", "roles", "scp", "name", "preferred_username", "ver", "iat", "nbf", "exp" },
        };
    }

    private Dictionary<string, object> Keys()
    {
        var parameters = _key.ExportParameters(includePrivateParameters: false);
        return new Dictionary<string, object>
        {
            ["keys"] = new[]
            {
                new Dictionary<string, string>
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["alg"] = "RS256",
                    ["kid"] = KeyId,
                    ["n"] = System.Buffers.Text.Base64Url.EncodeToString(parameters.Modulus),
                    ["e"] = System.Buffers.Text.Base64Url.EncodeToString(parameters.Exponent),

                    // As Entra publishes its keys: the issuers they sign for (Microsoft.Identity.Web checks this).
                    ["issuer"] = IssuerFor(TenantTemplate),
                },
            },
        };
    }

    private async Task<IResult> IssueAsync(string tenant, HttpRequest request, CancellationToken cancellationToken)
    {
        if (!IsTenantId(tenant))
        {
            return OAuthError("invalid_tenant", "Tokens are minted for one tenant: the path must hold a tenant id (GUID).");
        }

        if (!request.HasFormContentType)
        {
            return OAuthError("invalid_request", "The body must be application/x-www-form-urlencoded.");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            return OAuthError("invalid_request", "The form could not be read.");
        }

        var objectId = form["oid"].ToString();
        if (!Guid.TryParseExact(objectId, "D", out _))
        {
            return OAuthError("invalid_request", "oid (the user's object id, a GUID) is required.");
        }

        var lifetime = TimeSpan.FromHours(1);
        if (form["lifetime"].ToString() is { Length: > 0 } lifetimeText)
        {
            if (!int.TryParse(lifetimeText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds < 1 || seconds > MaxLifetime.TotalSeconds)
            {
                return OAuthError("invalid_request", "lifetime must be a whole number of seconds from 1 to 86400.");
            }

            lifetime = TimeSpan.FromSeconds(seconds);
        }

        DateTimeOffset? issuedAt = null;
        if (form["iat"].ToString() is { Length: > 0 } iatText)
        {
            if (!long.TryParse(iatText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var unix) || unix < 0 || unix > 253402300799)
            {
                return OAuthError("invalid_request", "iat must be a Unix time in seconds.");
            }

            issuedAt = DateTimeOffset.FromUnixTimeSeconds(unix);
        }

        var token = Mint(new TokenRequest
        {
            TenantId = tenant,
            ObjectId = objectId,
            Audience = form["audience"].ToString() is { Length: > 0 } audience ? audience : DefaultClientId,
            Roles = form["roles"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Scope = form["scp"].ToString() is { Length: > 0 } scope ? scope : null,
            Name = form["name"].ToString() is { Length: > 0 } name ? name : null,
            PreferredUsername = form["preferred_username"].ToString() is { Length: > 0 } username ? username : null,
            IssuedAt = issuedAt,
            Lifetime = lifetime,
        });
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = token,
            ["token_type"] = "Bearer",
            ["expires_in"] = (long)lifetime.TotalSeconds,
        });
    }
}
