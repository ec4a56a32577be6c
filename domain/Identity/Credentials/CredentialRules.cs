using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MLGov.Core.Errors;
using MLGov.Core.Identifiers;
using MLGov.Trust.Credentials;
using MLGov.Trust.Status;

namespace MLGov.Identity.Domain.Credentials;

/// <summary>
/// What may be issued. Types are PascalCase names; the types that only a bridge of this service issues
/// (<see cref="ReservedTypes"/>) cannot be asked for directly, so holding the issuing key of the API does not let anyone
/// mint an enterprise membership without the enterprise login. Claims are a small JSON object about the subject.
/// </summary>
public static partial class CredentialRules
{
    /// <summary>How long a credential is valid when the request does not say.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(365);

    /// <summary>The longest validity accepted.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(5 * 366);

    /// <summary>How far in the future validFrom may lie.</summary>
    public static readonly TimeSpan MaxFutureStart = TimeSpan.FromDays(366);

    public const int MaxTypes = 8;

    public const int MaxClaimsBytes = 8 * 1024;

    /// <summary>Issued only by this service's own flows (the enterprise login bridge, the status lists).</summary>
    public static readonly IReadOnlySet<string> ReservedTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        Links.EnterpriseMembership.CredentialType,
        StatusListCredentials.CredentialType,
        CredentialFormats.VerifiableCredential,
    };

    /// <summary>Checks a request to issue, reporting every problem at once, and fills in the defaults.</summary>
    public static CredentialPlan Plan(CredentialRequest request, DateTimeOffset now) => Plan(request, now, allowReserved: false);

    /// <summary>As <see cref="Plan(CredentialRequest, DateTimeOffset)"/>, for this service's own flows, which may issue reserved types.</summary>
    internal static CredentialPlan Plan(CredentialRequest request, DateTimeOffset now, bool allowReserved)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors().Did("subject", request.Subject);
        var types = request.Types ?? [];
        errors.Check(types.Count is > 0 and <= MaxTypes, "types", $"types must name 1 to {MaxTypes} credential types.");
        foreach (var type in types)
        {
            if (type is null || !TypeName().IsMatch(type))
            {
                errors.Check(false, "types", "Each type is a PascalCase name of 1-64 letters and digits, for example OrganizationMemberCredential.");
            }
            else if (!allowReserved && ReservedTypes.Contains(type))
            {
                errors.Check(false, "types", $"{type} is issued only by this service's own flows.");
            }
        }

        errors.Check(types.Distinct(StringComparer.Ordinal).Count() == types.Count, "types", "types must not repeat.");

        var claims = request.Claims ?? [];
        errors.Check(!claims.ContainsKey("id"), "claims", "claims must not contain id: the subject is the credential's subject id.");
        errors.Check(claims.All(c => c.Key.Length is > 0 and <= 64), "claims", "Each claim name is 1 to 64 characters.");
        errors.Check(System.Text.Encoding.UTF8.GetByteCount(claims.ToJsonString()) <= MaxClaimsBytes, "claims", $"claims must be at most {MaxClaimsBytes} bytes of JSON.");

        var format = request.Format is null ? CredentialFormat.VcdmV2Jose : CredentialFormats.Parse(request.Format);
        errors.Check(format is not null, "format", $"format must be {CredentialFormats.VcdmV2JoseName} or {CredentialFormats.VcdmV1JwtName}.");

        // Whole seconds: VC-JWT 1.1 carries nbf and exp as NumericDate, so anything finer would not survive the round trip.
        var validFrom = TruncateToSeconds(request.ValidFrom ?? now);
        var validUntil = TruncateToSeconds(request.ValidUntil ?? validFrom + DefaultLifetime);
        errors.Check(validFrom <= now + MaxFutureStart, "validFrom", "validFrom must be at most a year ahead.");
        errors.Check(validUntil > validFrom, "validUntil", "validUntil must be after validFrom.");
        errors.Check(validUntil - validFrom <= MaxLifetime, "validUntil", "A credential is valid for at most five years.");
        errors.Check(validUntil > now, "validUntil", "validUntil must be in the future.");
        errors.ThrowIfAny("The credential request is invalid");

        return new CredentialPlan(request.Subject, [.. types], (JsonObject)claims.DeepClone(), validFrom, validUntil, format!.Value);
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());

    [GeneratedRegex("^[A-Z][A-Za-z0-9]{0,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex TypeName();
}
