using MLGov.Infra.Tests.Arm;

namespace MLGov.Infra.Tests.Policy;

/// <summary>
/// The private-networking option. On: storage (the data account and every host account), Key Vault and
/// Service Bus (Premium) refuse public traffic and have a private endpoint for each sub-resource the apps
/// use, registered in the right private DNS zone, which is linked to the network; every app integrates
/// with its own subnet delegated to Microsoft.App/environments. Off: all public, no endpoints.
/// </summary>
public static class NetworkPolicy
{
    /// <summary>The private DNS zone of each private-link group in Azure public cloud (Azure's documented zone names).</summary>
    public static IReadOnlyDictionary<string, string> ZoneOf { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["blob"] = "privatelink.blob.core.windows.net",
        ["table"] = "privatelink.table.core.windows.net",
        ["vault"] = "privatelink.vaultcore.azure.net",
        ["namespace"] = "privatelink.servicebus.windows.net",
    };

    public static IReadOnlyList<string> Check(Deployment deployment, bool expectPrivate)
    {
        var violations = new List<string>();
        var vault = deployment.One("Microsoft.KeyVault/vaults");
        var ns = deployment.One("Microsoft.ServiceBus/namespaces");
        var data = RoleAssignmentPolicy.DataStorage(deployment);
        var access = expectPrivate ? "Disabled" : "Enabled";
        foreach (var resource in deployment.OfType("Microsoft.Storage/storageAccounts").Append(vault).Append(ns))
        {
            var actual = resource.At("properties.publicNetworkAccess")?.GetValue<string>();
            if (actual != access)
            {
                violations.Add($"{resource}: publicNetworkAccess is {actual ?? "missing"}, expected {access}");
            }

            var defaultAction = resource.At("properties.networkAcls.defaultAction")?.GetValue<string>();
            if (defaultAction is not null && defaultAction != (expectPrivate ? "Deny" : "Allow"))
            {
                violations.Add($"{resource}: networkAcls.defaultAction is {defaultAction}");
            }
        }

        var endpoints = deployment.OfType("Microsoft.Network/privateEndpoints").ToList();
        if (!expectPrivate)
        {
            violations.AddRange(endpoints.Select(e => $"{e}: a private endpoint in the public profile"));
            violations.AddRange(deployment.Sites.Where(s => s.Value.At("properties.virtualNetworkSubnetId") is not null).Select(s => $"{s.Key}: integrates with a virtual network in the public profile"));
            return violations;
        }

        if (ns.At("sku.name")?.GetValue<string>() != "Premium")
        {
            violations.Add("Service Bus is not Premium, the only tier with private endpoints");
        }

        var expected = new List<(string Target, string Group)> { (data.Id, "table"), (vault.Id, "vault"), (ns.Id, "namespace") };
        expected.AddRange(MLGovApps.Names.Select(app => (RoleAssignmentPolicy.HostStorageOf(deployment, app) ?? $"(no host storage for {app})", "blob")));
        var zones = deployment.OfType("Microsoft.Network/privateDnsZones").ToDictionary(z => z.Id, StringComparer.OrdinalIgnoreCase);
        var links = deployment.OfType("Microsoft.Network/privateDnsZones/virtualNetworkLinks").ToList();
        var zoneGroups = deployment.OfType("Microsoft.Network/privateEndpoints/privateDnsZoneGroups").ToList();
        foreach (var (target, group) in expected)
        {
            var endpoint = endpoints.FirstOrDefault(e => (e.At("properties.privateLinkServiceConnections")?.AsArray() ?? []).Any(c =>
                string.Equals(c?["properties"]?["privateLinkServiceId"]?.GetValue<string>(), target, StringComparison.OrdinalIgnoreCase)
                && (c?["properties"]?["groupIds"]?.AsArray() ?? []).Any(g => g?.GetValue<string>() == group)));
            if (endpoint is null)
            {
                violations.Add($"no private endpoint for {group} of {target}");
                continue;
            }

            var zoneIds = zoneGroups.Where(g => g.Id.StartsWith(endpoint.Id + "/", StringComparison.OrdinalIgnoreCase))
                .SelectMany(g => g.At("properties.privateDnsZoneConfigs")?.AsArray() ?? [])
                .Select(c => c?["properties"]?["privateDnsZoneId"]?.GetValue<string>() ?? string.Empty)
                .ToList();
            var zone = zoneIds.Select(id => zones.GetValueOrDefault(id)).FirstOrDefault(z => z?.Name == ZoneOf[group]);
            if (zone is null)
            {
                violations.Add($"{endpoint.Name}: not registered in a declared private DNS zone {ZoneOf[group]} (zone groups name [{string.Join(", ", zoneIds)}])");
            }
            else if (!links.Any(l => l.Name.StartsWith(zone.Name + "/", StringComparison.Ordinal)))
            {
                violations.Add($"{zone.Name}: not linked to the virtual network");
            }
        }

        var subnets = deployment.OfType("Microsoft.Network/virtualNetworks")
            .SelectMany(v => (v.At("properties.subnets")?.AsArray() ?? []).Select(s => (Id: $"{v.Id}/subnets/{s?["name"]?.GetValue<string>()}", Subnet: s)))
            .ToDictionary(s => s.Id, s => s.Subnet, StringComparer.OrdinalIgnoreCase);
        var used = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (app, site) in deployment.Sites)
        {
            var subnetId = site.At("properties.virtualNetworkSubnetId")?.GetValue<string>() ?? string.Empty;
            if (!subnets.TryGetValue(subnetId, out var subnet))
            {
                violations.Add($"{app}: virtualNetworkSubnetId '{subnetId}' is not a subnet of the deployment's virtual network");
                continue;
            }

            var delegations = (subnet?["properties"]?["delegations"]?.AsArray() ?? []).Select(d => d?["properties"]?["serviceName"]?.GetValue<string>());
            if (!delegations.Contains("Microsoft.App/environments"))
            {
                violations.Add($"{app}: subnet {subnetId} is not delegated to Microsoft.App/environments (Flex Consumption)");
            }

            if (!used.TryAdd(subnetId, app))
            {
                violations.Add($"{app}: shares subnet {subnetId} with {used[subnetId]}");
            }
        }

        return violations;
    }
}
