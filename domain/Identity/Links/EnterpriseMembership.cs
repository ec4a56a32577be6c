using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MLGov.Core.Errors;
using MLGov.Identity.Domain.Credentials;

namespace MLGov.Identity.Domain.Links;

/// <summary>
/// The credential the enterprise login bridge issues: <c>EnterpriseMemberCredential</c>, saying that the subject DID is
/// linked to a member of Entra ID tenant <c>tenantId</c> holding the app roles <c>roles</c> (from the token's
/// <c>roles</c> claim). The account's object id stays in the link and out of the credential, which the holder shows around.
/// </summary>
public static partial class EnterpriseMembership
{
    public const string CredentialType = "EnterpriseMemberCredential";

    /// <summary>How long a membership credential is valid; a member links again to renew it.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(90);

    public const int MaxRoles = 32;

    /// <summary>The plan of the credential for <paramref name="did"/>, member of <paramref name="tenantId"/> with <paramref name="roles"/>.</summary>
    public static CredentialPlan Plan(string did, string tenantId, IReadOnlyList<string> roles, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var errors = new ValidationErrors()
            .Check(roles.Count <= MaxRoles, "roles", $"The token carries more than {MaxRoles} roles.")
            .Check(roles.All(r => r is not null && RoleName().IsMatch(r)), "roles", "A role is 1-120 characters of letters, digits and . _ - : /.");
        errors.ThrowIfAny("The token's roles cannot go into a credential");
        var claims = new JsonObject
        {
            ["tenantId"] = tenantId,
            ["roles"] = new JsonArray([.. roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(r => JsonValue.Create(r))]),
        };
        return CredentialRules.Plan(new CredentialRequest(did, [CredentialType], claims, now, now + Lifetime), now, allowReserved: true);
    }

    [GeneratedRegex("^[A-Za-z0-9._:/-]{1,120}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex RoleName();
}
