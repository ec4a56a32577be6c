using MLGov.Infra.Tests.Arm;

namespace MLGov.Infra.Tests.Policy;

/// <summary>
/// No app holds a role that reaches another app's own resources: its host storage account (deployment
/// package and function keys), its table, its chain signing key. A grant reaches a resource when its
/// scope is the resource, lies inside it, or contains it (a role on the data account reaches every table).
/// </summary>
public static class IsolationPolicy
{
    /// <summary>The resources each app alone may reach, as resource ids with a label.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<(string What, string Id)>> OwnedResources(Deployment deployment)
    {
        var data = RoleAssignmentPolicy.DataStorage(deployment).Id;
        var vault = deployment.One("Microsoft.KeyVault/vaults").Id;
        return MLGovApps.Names.ToDictionary(
            app => app,
            app => (IReadOnlyList<(string, string)>)
            [
                ("host storage (package, function keys)", RoleAssignmentPolicy.HostStorageOf(deployment, app) ?? $"(no host storage account for {app})"),
                ("table", $"{data}/tableServices/default/tables/{MLGovApps.TableOf(app)}"),
                ("chain signing key", $"{vault}/keys/{MLGovApps.ChainKeyOf(app)}"),
                .. (app == "identity" ? [("credential issuer key", $"{vault}/keys/{MLGovApps.IssuerSigningKey}")] : Array.Empty<(string, string)>()),
            ],
            StringComparer.Ordinal);
    }

    public static IReadOnlyList<string> Check(Deployment deployment)
    {
        var violations = new List<string>();
        var owned = OwnedResources(deployment);
        foreach (var (app, resources) in owned)
        {
            var others = owned.Where(o => o.Key != app).SelectMany(o => o.Value.Select(r => (Owner: o.Key, r.What, r.Id))).ToList();
            var clash = others.Where(o => resources.Any(r => string.Equals(r.Id, o.Id, StringComparison.OrdinalIgnoreCase))).ToList();
            violations.AddRange(clash.Select(c => $"{app} shares its {c.What} {c.Id} with {c.Owner}"));
        }

        foreach (var grant in RoleAssignmentPolicy.Actual(deployment, []))
        {
            foreach (var (owner, resources) in owned.Where(o => o.Key != grant.App))
            {
                foreach (var (what, id) in resources.Where(r => Reaches(grant.Scope, r.Id)))
                {
                    violations.Add($"{grant.App}: {BuiltInRoles.NameOf(grant.Role)} at {grant.Scope} reaches {owner}'s {what}");
                }
            }
        }

        return violations;
    }

    private static bool Reaches(string scope, string resource) =>
        string.Equals(scope, resource, StringComparison.OrdinalIgnoreCase)
        || resource.StartsWith(scope + "/", StringComparison.OrdinalIgnoreCase)
        || scope.StartsWith(resource + "/", StringComparison.OrdinalIgnoreCase);
}
