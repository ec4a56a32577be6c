using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace MLGov.Platform.Chain.Signing;

/// <summary>
/// Which key the app's chain account is. In Azure a Key Vault key (EC, curve P-256K) named by
/// <see cref="KeyVaultKeyId"/>, reached with the app's managed identity, so no private key is ever in
/// the process; on a developer machine the hex key in <c>Chain:OperatorKey</c>. Setting both is refused.
/// </summary>
public sealed partial class ChainSignerOptions : IValidatableObject
{
    public const string SectionName = "Chain:Signer";

    /// <summary>
    /// <c>https://{vault}.vault.azure.net/keys/{name}</c>, optionally with <c>/{version}</c>. Without a version the
    /// signer reads the key's current version once and keeps signing with that version.
    /// </summary>
    public Uri? KeyVaultKeyId { get; set; }

    /// <summary>Client id of the app's user-assigned managed identity; unset uses the default Azure credential chain.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>
    /// The address the key must have. Optional: when set, the signer knows its address before it has read the key,
    /// and refuses to start if the key in the vault is a different one (a key id pointing at the wrong key).
    /// </summary>
    public string? ExpectedAddress { get; set; }

    /// <summary>Key Vault REST API version (documented for get-key and sign).</summary>
    [Required]
    [RegularExpression(@"^\d+\.\d+(-preview)?$|^\d{4}-\d{2}-\d{2}(-preview)?$")]
    public string ApiVersion { get; set; } = "7.4";

    /// <summary>Time limit of one HTTP attempt against Key Vault (and of one token request).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries inside one call after a 5xx, a timeout or a lost connection; throttling (429) is never retried here.</summary>
    [Range(0, 3)]
    public int MaxRetries { get; set; } = 1;

    /// <summary>Wait before the first in-call retry; doubled for each further one.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (KeyVaultKeyId is not null && !KeyVaultKeyIdentifier.TryParse(KeyVaultKeyId, out _, out var problem))
        {
            yield return new ValidationResult($"Chain:Signer:KeyVaultKeyId: {problem}", [nameof(KeyVaultKeyId)]);
        }

        if (ExpectedAddress is not null && !AddressPattern().IsMatch(ExpectedAddress))
        {
            yield return new ValidationResult("Chain:Signer:ExpectedAddress is a 0x-prefixed 20-byte hex address.", [nameof(ExpectedAddress)]);
        }

        if (RequestTimeout <= TimeSpan.Zero || RequestTimeout > TimeSpan.FromMinutes(2))
        {
            yield return new ValidationResult("Chain:Signer:RequestTimeout is between 0 and 2 minutes.", [nameof(RequestTimeout)]);
        }

        if (RetryDelay < TimeSpan.Zero || RetryDelay > TimeSpan.FromSeconds(10))
        {
            yield return new ValidationResult("Chain:Signer:RetryDelay is between 0 and 10 seconds.", [nameof(RetryDelay)]);
        }
    }

    [GeneratedRegex("^0x[0-9a-fA-F]{40}$")]
    private static partial Regex AddressPattern();
}
