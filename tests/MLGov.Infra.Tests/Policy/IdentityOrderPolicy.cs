using System.Text.Json.Nodes;

namespace MLGov.Infra.Tests.Policy;

/// <summary>
/// Every role assignment's principal exists, and holds its roles, before the app's site is created: the
/// roles go to a user-assigned identity (not the site's own identity, which only exists with the site),
/// and in the compiled template each app's module depends on that app's role assignments. So the first
/// start of a new app on an empty subscription does not race role propagation.
/// </summary>
public static class IdentityOrderPolicy
{
    public static IReadOnlyList<string> Check(JsonObject template)
    {
        var violations = new List<string>();
        var resources = template["resources"] as JsonObject ?? [];
        var apps = resources["apps"]?.AsObject();
        var roles = resources["roleAssignments"]?.AsObject();
        if (apps is null || roles is null)
        {
            return ["the template has no `apps` and `roleAssignments` module loops"];
        }

        var dependsOn = (apps["dependsOn"]?.AsArray() ?? []).Select(d => d?.GetValue<string>() ?? string.Empty).ToList();
        if (!dependsOn.Contains("[format('roleAssignments[{0}]', copyIndex())]", StringComparer.Ordinal))
        {
            violations.Add("the app module does not depend on its own role assignments, so the site can start before its identity holds its roles");
        }

        if (!dependsOn.Contains("[format('identities[{0}]', copyIndex())]", StringComparer.Ordinal))
        {
            violations.Add("the app module does not depend on its own user-assigned identity");
        }

        var roleParameters = string.Join('\n', Strings(roles["properties"]?["parameters"]));
        foreach (var marker in new[] { "'apps[", "Microsoft.Web/sites" })
        {
            if (roleParameters.Contains(marker, StringComparison.Ordinal))
            {
                violations.Add($"the role assignments take a value from the app or its site ({marker}), so they can only be made after it");
            }
        }

        var principal = roles["properties"]?["parameters"]?["principalId"]?["value"]?.GetValue<string>() ?? string.Empty;
        if (!principal.Contains("identities[", StringComparison.Ordinal))
        {
            violations.Add($"the role assignments' principalId is {principal}, not the app's user-assigned identity");
        }

        return violations;
    }

    /// <summary>Every string value inside a JSON tree (expressions as written, unescaped).</summary>
    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Strings(p.Value)),
        JsonArray array => array.SelectMany(Strings),
        JsonValue value when value.TryGetValue<string>(out var text) => [text],
        _ => [],
    };
}
