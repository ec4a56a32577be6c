namespace MLGov.Identity.Issuing;

/// <summary>
/// The <c>Identity</c> settings of the identity app: <c>IssuerKey</c> (a private JWK; locally a generated dev key, in
/// Azure the Ed25519 fallback as a Key Vault reference), or <c>Issuer:KeyVaultKeyId</c> (a Key Vault key, see
/// docs/keys.md); <c>PublicBaseUrl</c>, the app's public origin (for example <c>https://mlgov-identity.azurewebsites.net</c>),
/// from which credential ids and status list URLs are made (when unset, the request's own origin, which suits local runs only).
/// </summary>
public sealed class IdentityOptions
{
    public const string SectionName = "Identity";

    public string? IssuerKey { get; set; }

    public Uri? PublicBaseUrl { get; set; }

    /// <summary>How long a signed status list credential is reused while its bits do not change.</summary>
    public TimeSpan StatusListResign { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The <c>ttl</c> a status list credential tells verifiers to cache it for.</summary>
    public TimeSpan StatusListTtl { get; set; } = TimeSpan.FromMinutes(5);
}
