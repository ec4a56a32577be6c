using MLGov.Infra.Tests.Arm;

namespace MLGov.Infra.Tests.Policy;

/// <summary>
/// Exactly the role assignments least privilege calls for, each at its narrowest scope and each to the
/// app's own user-assigned identity: sender on each topic an app publishes to, receiver on each
/// subscription it consumes, Secrets User on each secret it references, Crypto User on its own signing
/// key, Table Data Contributor on its own table, Blob Data Owner on its own host storage account, and
/// Metrics Publisher on the telemetry component. Any other assignment (a sender role on the whole
/// namespace, a table role on the account) is a violation, and so is a missing one.
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

    /// <summary>
    /// The grants the deployment makes, by the app whose user-assigned identity receives them. An
    /// assignment to anything else — a site's system-assigned identity, which exists only once the site
    /// does, or an unknown principal — is reported instead.
    /// </summary>
    public static HashSet<Grant> Actual(Deployment deployment, List<string> violations)
    {
        var appsByIdentityId = IdentitiesByApp(deployment).ToDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);
        var actual = new HashSet<Grant>();
        foreach (var assignment in deployment.OfType(Deployment.RoleAssignmentType))
        {
            var cut = assignment.Id.IndexOf(AssignmentSegment, StringComparison.OrdinalIgnoreCase);
            var scope = cut < 0 ? "(unknown scope)" : assignment.Id[..cut];
            var role = assignment.At("properties.roleDefinitionId")?.GetValue<string>().Split('/')[^1] ?? "(no role)";
            var principal = assignment.At("properties.principalId")?.GetValue<string>() ?? string.Empty;
            var identityId = principal.StartsWith(ArmEvaluator.PrincipalPrefix, StringComparison.Ordinal) ? principal[ArmEvaluator.PrincipalPrefix.Length..] : null;
            if (identityId is null || !appsByIdentityId.TryGetValue(identityId, out var app))
            {
                violations.Add($"{BuiltInRoles.NameOf(role)} at {scope} is granted to '{principal}', not to a function app's user-assigned identity");
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

    /// <summary>Each app's user-assigned identity: the one its site runs as.</summary>
    public static IReadOnlyDictionary<string, string> IdentitiesByApp(Deployment deployment)
    {
        var identities = deployment.OfType(ArmEvaluator.UserAssignedIdentityType).Select(i => i.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var byApp = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (app, site) in deployment.Sites)
        {
            var assigned = site.At("identity.userAssignedIdentities")?.AsObject().Select(p => p.Key).Where(identities.Contains).ToList() ?? [];
            if (assigned.Count == 1)
            {
                byApp[app] = assigned[0];
            }
        }

        return byApp;
    }

    /// <summary>The app's own host storage account: the one its site uses as AzureWebJobsStorage.</summary>
    public static string? HostStorageOf(Deployment deployment, string app)
    {
        var name = AppSettingsPolicy.SettingsOf(deployment.Sites[app]).GetValueOrDefault("AzureWebJobsStorage__accountName");
        return deployment.OfType("Microsoft.Storage/storageAccounts").FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.Ordinal))?.Id;
    }

    /// <summary>The account that holds the apps' tables.</summary>
    public static PredictedResource DataStorage(Deployment deployment)
    {
        var tableAccounts = deployment.OfType("Microsoft.Storage/storageAccounts/tableServices/tables").Select(t => t.Name.Split('/')[0]).Distinct().ToList();
        var name = tableAccounts.Single();
        return deployment.OfType("Microsoft.Storage/storageAccounts").Single(a => a.Name == name);
    }

    /// <summary>What least privilege grants, derived from the topology, the secrets each app reads and the resources each app owns.</summary>
    public static HashSet<Grant> Expected(Deployment deployment, ServiceBusTopology topology)
    {
        var ns = deployment.One("Microsoft.ServiceBus/namespaces").Id;
        var data = DataStorage(deployment).Id;
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
            grants.Add(new Grant(app, BuiltInRoles.StorageTableDataContributor, $"{data}/tableServices/default/tables/{MLGovApps.TableOf(app)}"));
            grants.Add(new Grant(app, BuiltInRoles.StorageBlobDataOwner, HostStorageOf(deployment, app) ?? $"(no host storage account for {app})"));
            grants.Add(new Grant(app, BuiltInRoles.MonitoringMetricsPublisher, insights));
            grants.Add(new Grant(app, BuiltInRoles.KeyVaultCryptoUser, $"{vault}/keys/{MLGovApps.ChainKeyOf(app)}"));
            if (app == "identity")
            {
                // Identity signs credentials with its issuer key in the vault: Crypto User on that key alone.
                grants.Add(new Grant(app, BuiltInRoles.KeyVaultCryptoUser, $"{vault}/keys/{MLGovApps.IssuerSigningKey}"));
            }

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
