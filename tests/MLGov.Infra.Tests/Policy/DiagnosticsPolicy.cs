using MLGov.Infra.Tests.Arm;

namespace MLGov.Infra.Tests.Policy;

/// <summary>
/// Diagnostic settings send to the deployment's Log Analytics workspace: Key Vault's AuditEvent (every
/// secret read and key use), Service Bus logs, the read/write/delete logs of every storage service that
/// holds data (the tables, each app's host blobs) and each app's FunctionAppLogs.
/// </summary>
public static class DiagnosticsPolicy
{
    private const string SettingType = "Microsoft.Insights/diagnosticSettings";
    private static readonly string[] StorageCategories = ["StorageRead", "StorageWrite", "StorageDelete"];

    public static IReadOnlyList<string> Check(Deployment deployment)
    {
        var violations = new List<string>();
        var workspace = deployment.One("Microsoft.OperationalInsights/workspaces").Id;
        var settings = deployment.OfType(SettingType).ToList();

        void Expect(string what, string scope, IReadOnlyList<string> categories, IReadOnlyList<string> categoryGroups)
        {
            var onScope = settings.Where(s => string.Equals(ScopeOf(s), scope, StringComparison.OrdinalIgnoreCase)).ToList();
            var toWorkspace = onScope.Where(s => string.Equals(s.At("properties.workspaceId")?.GetValue<string>(), workspace, StringComparison.OrdinalIgnoreCase)).ToList();
            if (toWorkspace.Count == 0)
            {
                violations.Add($"{what}: no diagnostic setting sends {scope} to the Log Analytics workspace");
                return;
            }

            var logs = toWorkspace.SelectMany(s => s.At("properties.logs")?.AsArray() ?? [])
                .Where(l => l?["enabled"]?.GetValue<bool>() == true)
                .ToList();
            foreach (var category in categories.Where(c => !logs.Any(l => l?["category"]?.GetValue<string>() == c)))
            {
                violations.Add($"{what}: log category {category} is not sent");
            }

            foreach (var group in categoryGroups.Where(g => !logs.Any(l => l?["categoryGroup"]?.GetValue<string>() == g)))
            {
                violations.Add($"{what}: log category group {group} is not sent");
            }
        }

        Expect("Key Vault", deployment.One("Microsoft.KeyVault/vaults").Id, ["AuditEvent"], []);
        Expect("Service Bus", deployment.One("Microsoft.ServiceBus/namespaces").Id, [], ["allLogs"]);
        foreach (var tableService in deployment.OfType("Microsoft.Storage/storageAccounts/tableServices"))
        {
            Expect("table service " + tableService.Name, tableService.Id, StorageCategories, []);
        }

        foreach (var app in MLGovApps.Names)
        {
            var hostAccount = RoleAssignmentPolicy.HostStorageOf(deployment, app) ?? $"(no host storage for {app})";
            Expect($"{app}'s host blob service", hostAccount + "/blobServices/default", StorageCategories, []);
            Expect($"{app}'s function app", deployment.Sites[app].Id, ["FunctionAppLogs"], []);
        }

        return violations;
    }

    /// <summary>The resource a diagnostic setting (an extension resource) is attached to.</summary>
    public static string ScopeOf(PredictedResource setting)
    {
        const string segment = "/providers/Microsoft.Insights/diagnosticSettings/";
        var cut = setting.Id.IndexOf(segment, StringComparison.OrdinalIgnoreCase);
        return cut < 0 ? string.Empty : setting.Id[..cut];
    }
}
