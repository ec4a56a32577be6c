using System.Globalization;
using System.Text.Json.Nodes;
using MLGov.Trust.Credentials;

namespace MLGov.Trust.Status;

/// <summary>
/// The credential shapes of Bitstring Status List v1.0: the <c>BitstringStatusListEntry</c> a credential carries in
/// <c>credentialStatus</c>, and the <c>BitstringStatusListCredential</c> that publishes a list (§2.1, §2.2).
/// </summary>
public static class StatusListCredentials
{
    public const string EntryType = "BitstringStatusListEntry";
    public const string CredentialType = "BitstringStatusListCredential";
    public const string ListType = "BitstringStatusList";

    /// <summary>The entry for index <paramref name="index"/> of the list published at <paramref name="listCredentialUrl"/>.</summary>
    public static JsonObject Entry(Uri listCredentialUrl, string purpose, int index)
    {
        ArgumentNullException.ThrowIfNull(listCredentialUrl);
        if (!StatusPurposes.IsSupported(purpose))
        {
            throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "The purpose must be revocation or suspension.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var url = listCredentialUrl.AbsoluteUri;
        var indexText = index.ToString(CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["id"] = url + "#" + indexText,
            ["type"] = EntryType,
            ["statusPurpose"] = purpose,
            // The spec writes the index as a string of base-10 digits.
            ["statusListIndex"] = indexText,
            ["statusListCredential"] = url,
        };
    }

    /// <summary>
    /// The draft of the credential publishing <paramref name="list"/> for <paramref name="purpose"/> at
    /// <paramref name="listCredentialUrl"/>; sign it with <see cref="VcJwtIssuer"/> in the VCDM 2.0 form. A ttl (in
    /// milliseconds, the spec's hint for how long verifiers may cache it) is included when given.
    /// </summary>
    public static CredentialDraft Draft(
        string issuer, Uri listCredentialUrl, string purpose, BitstringStatusList list, DateTimeOffset validFrom,
        DateTimeOffset? validUntil = null, TimeSpan? ttl = null)
    {
        ArgumentNullException.ThrowIfNull(listCredentialUrl);
        ArgumentNullException.ThrowIfNull(list);
        if (!StatusPurposes.IsSupported(purpose))
        {
            throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "The purpose must be revocation or suspension.");
        }

        var claims = new JsonObject
        {
            ["type"] = ListType,
            ["statusPurpose"] = purpose,
            ["encodedList"] = list.Encode(),
        };
        if (ttl is { } t)
        {
            claims["ttl"] = (long)t.TotalMilliseconds;
        }

        return new CredentialDraft(issuer, listCredentialUrl.AbsoluteUri + "#list", [CredentialType], claims, validFrom, validUntil, listCredentialUrl.AbsoluteUri);
    }
}
