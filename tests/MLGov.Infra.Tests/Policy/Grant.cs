namespace MLGov.Infra.Tests.Policy;

/// <summary>One role granted to one app's managed identity at one scope (a resource id).</summary>
public sealed record Grant(string App, string Role, string Scope)
{
    public bool Equals(Grant? other) =>
        other is not null
        && string.Equals(App, other.App, StringComparison.Ordinal)
        && string.Equals(Role, other.Role, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Scope, other.Scope, StringComparison.OrdinalIgnoreCase);

    public override int GetHashCode() => HashCode.Combine(
        StringComparer.Ordinal.GetHashCode(App),
        StringComparer.OrdinalIgnoreCase.GetHashCode(Role),
        StringComparer.OrdinalIgnoreCase.GetHashCode(Scope));
}
