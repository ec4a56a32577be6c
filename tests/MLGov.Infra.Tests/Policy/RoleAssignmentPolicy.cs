using MLGov.Infra.Tests.Arm;

namespace MLGov.Infra.Tests.Policy;

/// <summary>
/// Exactly the role assignments least privilege calls for, each at its narrowest scope: sender on each
/// topic an app publishes to, receiver on each subscription it consumes, Secrets User on each secret it
/// references, and on the account / component for storage and telemetry. Any other assignment — for
/// example a sender role on the whole namespace — is a violation, and so is a missing one.
/// </summary>
public static class RoleAssignmentPolicy
{
    private const string AssignmentSegment = "/providers/Microsoft.Authorization/roleAssignments/";

    public static IReadOnlyList<string> Check(Deployment deployment, ServiceBusTopology topology)
    {
        var violations = new List<string>();
        var actual = Actual(deployment, violations);
        var expected = Expected(deployment, topology);
        foreach (var grant in actual.Except(expected))
        {
            var narrower = expected.Where(e => e.App == grant.App && e.Role == grant.Role && e.Scope.StartsWith(grant.Scope + "/", StringComparison.OrdinalIgnoreCase)).ToList();
            violations.Add(narrower.Count > 0
                ? $"{grant.App}: {BuiltInRoles.NameOf(grant.Role)} at {grant.Scope} is broader than needed; grant it at {string.Join(" and ", narrower.Select(n => n.Scope))}"
                : $"{grant.App}: {BuiltInRoles.NameOf(grant.Role)} at {grant.Scope} is not needed");
        }

        violations.AddRange(expected.Except(actual).Select(g => $"{g.App}: missing {BuiltInRoles.NameOf(g.Role)} at {g.Scope}"));
        return violations;
    }

    /// <summary>The grants the deployment makes; assignments that are malformed are reported instead.</summary>
    public static HashSet<Grant> Actual(Deployment deployment, List<string> violations)
    {
        var appsBySiteId = deployment.Sites.ToDictionary(s => s.Value.Id, s => s.Key, StringComparer.OrdinalIgnoreCase);
        var actual = new HashSet<Grant>();
        foreach (var assignment in deployment.OfType(Deployment.RoleAssignmentType))
        {
            var cut = assignment.Id.IndexOf(AssignmentSegment, StringComparison.OrdinalIgnoreCase);
            var scope = cut < 0 ? "(unknown scope)" : assignment.Id[..cut];
            var role = assignment.At("properties.roleDefinitionId")?.GetValue<string>().Split('/')[^1] ?? "(no role)";
            var principal = assignment.At("properties.principalId")?.GetValue<string>() ?? string.Empty;
            var siteId = principal.StartsWith(ArmEvaluator.PrincipalPrefix, StringComparison.Ordinal) ? principal[ArmEvaluator.PrincipalPrefix.Length..] : null;
            if (siteId is null || !appsBySiteId.TryGetValue(siteId, out var app))
            {
                violations.Add($"{BuiltInRoles.NameOf(role)} at {scope} is granted to '{principal}', not to a function app's managed identity");
                continue;
            }

            if (assignment.At("properties.principalType")?.GetValue<string>() != "ServicePrincipal")
            {
                violations.Add($"{app}: {BuiltInRoles.NameOf(role)} at {scope} does not say principalType ServicePrincipal");
            }

            CheckName(assignment, scope, principal, role, app, violations);
            actual.Add(new Grant(app, role, scope));
        }

        return actual;
    }

    /// <summary>What least privilege grants, derived from the topology and the secrets each app reads.</summary>
    public static HashSet<Grant> Expected(Deployment deployment, ServiceBusTopology topology)
    {
        var ns = deployment.One("Microsoft.ServiceBus/namespaces").Id;
        var storage = deployment.One("Microsoft.Storage/storageAccounts").Id;
        var vault = deployment.One("Microsoft.KeyVault/vaults").Id;
        var insights = deployment.One("Microsoft.Insights/components").Id;
        var grants = new HashSet<Grant>();
        foreach (var topic in topology.Topics)
        {
            var topicId = $"{ns}/topics/{ServiceBusTopology.Name(topic)}";
            foreach (var publisher in topic["publishers"]!.AsArray())
            {
                grants.Add(new Grant(publisher!.GetValue<string>(), BuiltInRoles.ServiceBusDataSender, topicId));
            }

            foreach (var subscription in topic["subscriptions"]!.AsArray())
            {
                grants.Add(new Grant(subscription!["subscriber"]!.GetValue<string>(), BuiltInRoles.ServiceBusDataReceiver, $"{topicId}/subscriptions/{subscription["name"]!.GetValue<string>()}"));
            }
        }

        foreach (var app in MLGovApps.Names)
        {
            grants.Add(new Grant(app, BuiltInRoles.StorageTableDataContributor, storage));
            grants.Add(new Grant(app, BuiltInRoles.StorageBlobDataOwner, storage));
            grants.Add(new Grant(app, BuiltInRoles.MonitoringMetricsPublisher, insights));
            foreach (var secret in MLGovApps.SecretsOf(app))
            {
                grants.Add(new Grant(app, BuiltInRoles.KeyVaultSecretsUser, $"{vault}/secrets/{secret}"));
            }
        }

        return grants;
    }

    /// <summary>The assignment's name must be guid(scope, principal, role), so it is stable and unique per grant.</summary>
    private static void CheckName(PredictedResource assignment, string scope, string principal, string role, string app, List<string> violations)
    {
        var raw = assignment.Raw["name"]?.GetValue<string>() ?? string.Empty;
        var ok = ArmExpressionParser.IsExpression(raw)
            && ArmExpressionParser.Parse(raw) is ArmCall { Name: "guid", Arguments.Count: 3 } call
            && string.Equals(ArmEvaluator.Evaluate(call.Arguments[0])?.GetValue<string>(), scope, StringComparison.OrdinalIgnoreCase)
            && string.Equals(ArmEvaluator.Evaluate(call.Arguments[1])?.GetValue<string>(), principal, StringComparison.Ordinal)
            && string.Equals(ArmEvaluator.Evaluate(call.Arguments[2])?.GetValue<string>(), role, StringComparison.OrdinalIgnoreCase);
        if (!ok)
        {
            violations.Add($"{app}: {BuiltInRoles.NameOf(role)} at {scope} is named {raw}, not guid(scope, principal, role)");
        }
    }
}
