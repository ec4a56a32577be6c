using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using MLGov.Core.Errors;

namespace MLGov.Platform.Identity;

/// <summary>
/// Validates the request's Entra ID bearer token with Microsoft.Identity.Web's JwtBearer handler
/// (<see cref="EntraLoginRegistration.Scheme"/>, resolved from the request's services, so Azure's
/// worker and the local host run the same code). A function calls it in one line:
/// <c>var caller = await _entra.RequireAsync(request, "Member");</c>. Every refusal is a typed
/// error the exception middleware maps: 401 (no, malformed, expired, not yet valid, wrongly
/// signed token, another audience or issuer, a tenant outside the allow-list), 403 (a required
/// role missing), 404 (enterprise login not configured on this deployment).
/// </summary>
public sealed class EntraTokenValidator
{
    private readonly EntraLoginOptions _options;

    public EntraTokenValidator(IOptions<EntraLoginOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    /// <summary>The caller of a request carrying a valid token that has each of <c>AzureAd:RequiredRoles</c>.</summary>
    public async Task<EntraPrincipal> ValidateAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_options.IsConfigured)
        {
            throw new NotFoundException("Enterprise login (Entra ID) is not configured on this deployment.");
        }

        var result = await request.HttpContext.AuthenticateAsync(EntraLoginRegistration.Scheme).ConfigureAwait(false);
        if (result.None)
        {
            throw Unauthorized(request, null, "An Entra ID access token is required: Authorization: Bearer <token>.");
        }

        if (!result.Succeeded)
        {
            throw Refusal(request, result.Failure);
        }

        var principal = Read(request, result.Principal);
        RequireRoles(principal, _options.RequiredRoles);
        return principal;
    }

    /// <summary>As <see cref="ValidateAsync"/>, and the token must also carry each of <paramref name="roles"/> (else 403).</summary>
    public async Task<EntraPrincipal> RequireAsync(HttpRequest request, params string[] roles)
    {
        var principal = await ValidateAsync(request).ConfigureAwait(false);
        RequireRoles(principal, roles);
        return principal;
    }

    private static void RequireRoles(EntraPrincipal principal, IEnumerable<string> roles)
    {
        var missing = roles.Where(role => !principal.HasRole(role)).ToList();
        if (missing.Count > 0)
        {
            throw new ForbiddenException($"The token lacks the app role(s) {string.Join(", ", missing.Select(r => $"'{r}'"))}.");
        }
    }

    private static EntraPrincipal Read(HttpRequest request, ClaimsPrincipal principal)
    {
        var tenant = principal.FindFirst("tid")?.Value;
        var objectId = principal.FindFirst("oid")?.Value;
        if (string.IsNullOrEmpty(tenant) || string.IsNullOrEmpty(objectId))
        {
            throw Unauthorized(request, "invalid_token", "The token names no tenant (tid) or object (oid).");
        }

        var roles = principal.FindAll("roles").Select(c => c.Value).ToList();
        return new EntraPrincipal(tenant, objectId, roles, principal.FindFirst("name")?.Value);
    }

    private static Exception Refusal(HttpRequest request, Exception? failure)
    {
        var detail = failure switch
        {
            SecurityTokenExpiredException => "The token has expired.",
            SecurityTokenNotYetValidException => "The token is not valid yet.",
            SecurityTokenInvalidAudienceException => "The token was issued for another audience.",
            EntraTenantNotAllowedException notAllowed => notAllowed.Message,
            SecurityTokenInvalidIssuerException => "The token's issuer is not accepted.",
            SecurityTokenInvalidAlgorithmException => "The token's signing algorithm is not accepted.",
            SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The token's signature does not verify with the issuer's published keys.",
            // The token handler's parsing errors (IDX14100-IDX14102 and the like) are ArgumentExceptions.
            ArgumentException => "The bearer token is not a well-formed JWT.",
            // Microsoft.Identity.Web fails a token with neither scp nor roles claim (IDW10201) through context.Fail(message).
            AuthenticationFailureException => "The token carries neither app roles nor scopes for this API.",
            SecurityTokenException => "The token is not valid.",

            // Not the caller's fault (the authority's metadata could not be fetched, for example): a logged 500.
            _ => null,
        };
        return detail is null
            ? new InvalidOperationException("Entra ID token validation failed for a reason other than the token.", failure)
            : Unauthorized(request, "invalid_token", detail);
    }

    /// <summary>A 401, with the RFC 6750 challenge a bearer client expects beside the problem details.</summary>
    private static UnauthorizedException Unauthorized(HttpRequest request, string? error, string detail)
    {
        request.HttpContext.Response.Headers.WWWAuthenticate = error is null ? "Bearer" : $"Bearer error=\"{error}\"";
        return new UnauthorizedException(detail);
    }
}
