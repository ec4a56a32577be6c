using System.ComponentModel.DataAnnotations;

namespace MLGov.Platform.Identity;

/// <summary>
/// The <c>AzureAd</c> section: Microsoft.Identity.Web's own settings (<c>Instance</c>, <c>TenantId</c>,
/// <c>ClientId</c>), which it reads itself, and MLGov's additions, <c>AllowedTenants</c> and
/// <c>RequiredRoles</c>. Enterprise login is off when <c>ClientId</c> is empty (a deployment
/// without an app registration); once it is set, the rest is checked at start.
/// </summary>
public sealed class EntraLoginOptions : IValidatableObject
{
    public const string SectionName = "AzureAd";

    /// <summary>The sign-in authority's host: https://login.microsoftonline.com/ in Azure, the local issuer's address locally.</summary>
    public string? Instance { get; set; }

    /// <summary>The app registration's tenant id, or <c>organizations</c> for a multi-tenant app (which then needs <see cref="AllowedTenants"/>).</summary>
    public string? TenantId { get; set; }

    /// <summary>The API's application (client) id: the audience its tokens carry.</summary>
    public string? ClientId { get; set; }

    /// <summary>Tenant ids whose tokens are accepted; empty means <see cref="TenantId"/> alone.</summary>
    public IList<string> AllowedTenants { get; } = [];

    /// <summary>App roles every accepted token must carry (each of them); a token without one is refused with 403.</summary>
    public IList<string> RequiredRoles { get; } = [];

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId);

    /// <summary>The tenants accepted: <see cref="AllowedTenants"/>, or the single <see cref="TenantId"/>.</summary>
    public IReadOnlySet<string> EffectiveAllowedTenants =>
        (AllowedTenants.Count > 0 ? AllowedTenants : TenantId is { } single && IsTenantId(single) ? [single] : [])
        .Select(t => t.ToLowerInvariant())
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="instance"/> is plain HTTP on a loopback address (the local issuer), where metadata may come over HTTP.</summary>
    public static bool IsLoopbackHttp(string? instance) =>
        Uri.TryCreate(instance, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;

    /// <summary>
    /// The v2.0 issuer of tokens for <paramref name="tenantId"/> under <paramref name="instance"/>:
    /// <c>{instance}/{tenant}/v2.0</c>, with the <c>{tenantid}</c> template Entra's multi-tenant
    /// discovery documents carry when the tenant is not an id.
    /// </summary>
    public static string IssuerFor(string? instance, string? tenantId) =>
        $"{instance?.TrimEnd('/')}/{(tenantId is not null && IsTenantId(tenantId) ? tenantId.ToLowerInvariant() : "{tenantid}")}/v2.0";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured)
        {
            yield break;
        }

        if (!Uri.TryCreate(Instance, UriKind.Absolute, out var instance) || !(instance.Scheme == Uri.UriSchemeHttps || IsLoopbackHttp(Instance)))
        {
            yield return new ValidationResult($"{SectionName}:Instance must be an https URL (plain http only on a loopback address).", [nameof(Instance)]);
        }

        if (string.IsNullOrWhiteSpace(TenantId))
        {
            yield return new ValidationResult($"{SectionName}:TenantId is required (a tenant id, or 'organizations' with {SectionName}:AllowedTenants).", [nameof(TenantId)]);
        }

        if (AllowedTenants.Any(t => !IsTenantId(t)))
        {
            yield return new ValidationResult($"{SectionName}:AllowedTenants must hold tenant ids (GUIDs).", [nameof(AllowedTenants)]);
        }
        else if (EffectiveAllowedTenants.Count == 0)
        {
            yield return new ValidationResult($"{SectionName}:AllowedTenants must list the accepted tenant ids when {SectionName}:TenantId is not one.", [nameof(AllowedTenants)]);
        }

        if (RequiredRoles.Any(string.IsNullOrWhiteSpace))
        {
            yield return new ValidationResult($"{SectionName}:RequiredRoles must not hold empty roles.", [nameof(RequiredRoles)]);
        }
    }

    private static bool IsTenantId(string value) => Guid.TryParseExact(value, "D", out _);
}
