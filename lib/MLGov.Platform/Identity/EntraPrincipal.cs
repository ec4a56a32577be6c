namespace MLGov.Platform.Identity;

/// <summary>
/// Who a validated Entra ID access token speaks for: the directory (<c>tid</c>), the user or
/// service principal in it (<c>oid</c>), its app roles (<c>roles</c>) and display name (<c>name</c>).
/// The pair (TenantId, ObjectId) identifies an account across applications; <c>sub</c> does not.
/// </summary>
public sealed record EntraPrincipal(string TenantId, string ObjectId, IReadOnlyList<string> Roles, string? Name)
{
    public bool HasRole(string role) => Roles.Contains(role, StringComparer.Ordinal);
}
