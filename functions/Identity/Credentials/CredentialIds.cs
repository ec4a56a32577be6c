using System.Globalization;
using System.Security.Cryptography;
using MLGov.Core.Encoding;
using MLGov.Core.Errors;
using MLGov.Core.Identifiers;

namespace MLGov.Identity.Credentials;

/// <summary>
/// Credential ids name the status list that holds the credential: <c>c{list}-{32 hex digits}</c>, for example
/// <c>c1-5f0c…</c>. A credential's row lives in its status list's partition, so issuing (taking a slot) and revoking
/// (setting its bit) commit together with the credential; the id is how a request finds that partition.
/// </summary>
public static class CredentialIds
{
    public static string New(int list) =>
        string.Create(CultureInfo.InvariantCulture, $"c{list}-{Hex.Encode(RandomNumberGenerator.GetBytes(16), prefix: false)}");

    /// <summary>The status list of a credential id; a 404 for anything that cannot be one of ours.</summary>
    public static int ListOf(string credentialId)
    {
        if (!ResourceId.IsValid(credentialId))
        {
            throw ValidationException.For("credentialId", ResourceId.Problem("credentialId"));
        }

        var dash = credentialId.IndexOf('-', StringComparison.Ordinal);
        if (credentialId[0] != 'c' || dash < 2 || credentialId.Length - dash - 1 != 32
            || !int.TryParse(credentialId.AsSpan(1, dash - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var list) || list <= 0)
        {
            throw new NotFoundException($"Credential '{credentialId}' does not exist.");
        }

        return list;
    }
}
