namespace MLGov.Platform.Trust;

/// <summary>
/// The credential issuer's key in Azure Key Vault (configuration section <c>Identity:Issuer</c>, app setting
/// <c>Identity__Issuer__KeyVaultKeyId</c>): an EC key on P-256 (ES256) or P-256K (ES256K), reached with the app's
/// managed identity. See docs/keys.md.
/// </summary>
public sealed class KeyVaultJwsSignerOptions
{
    public const string SectionName = "Identity:Issuer";

    /// <summary>The key's id, <c>https://{vault}.vault.azure.net/keys/{name}</c>, optionally with a version.</summary>
    public Uri? KeyVaultKeyId { get; set; }

    /// <summary>
    /// The JWS algorithm the key must have (ES256 or ES256K); when null, the key's curve decides. EdDSA is refused:
    /// Key Vault does not sign Ed25519.
    /// </summary>
    public string? Algorithm { get; set; }

    /// <summary>Key Vault REST api-version.</summary>
    public string ApiVersion { get; set; } = "7.4";

    /// <summary>Time allowed for one request to Key Vault.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries within one call after 5xx, timeouts and lost connections (not after throttling).</summary>
    public int MaxRetries { get; set; } = 1;

    /// <summary>Wait before the first in-call retry; doubled for each further one.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);
}
