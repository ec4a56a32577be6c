using System.Reflection;
using NetArchTest.Rules;

namespace MLGov.Architecture.Tests;

/// <summary>
/// The rules, as functions from an assembly or project to its violations (empty when it keeps them),
/// so the tests can also show that each rule catches a breach.
/// </summary>
public static class LayerRules
{
    /// <summary>What a domain library may not touch: Azure SDKs, hosting and HTTP, RPC and chain clients, the infrastructure libraries.</summary>
    public static readonly string[] InfrastructureNamespaces =
    [
        "Azure",
        "Microsoft.Azure",
        "Microsoft.AspNetCore",
        "Microsoft.Extensions.Hosting",
        "Microsoft.Identity",
        "Nethereum",
        "Polly",
        "CloudNative.CloudEvents",
        "System.Net.Http",
        "System.Net.Sockets",
        "MLGov.Platform",
        "MLGov.Operations",
        "MLGov.Contracts",
    ];

    /// <summary>What Core may not touch: any Azure SDK, chain client or infrastructure library.</summary>
    public static readonly string[] AzureAndRpcNamespaces =
    [
        "Azure",
        "Microsoft.Azure",
        "Nethereum",
        "MLGov.Platform",
        "MLGov.Operations",
        "MLGov.Contracts",
    ];

    /// <summary>
    /// What the trust primitives may not touch: every app references them to verify locally, so they carry no Azure SDK,
    /// no ASP.NET or hosting, no identity platform, no chain client and no infrastructure library.
    /// </summary>
    public static readonly string[] TrustForbiddenNamespaces =
    [
        "Azure",
        "Microsoft.Azure",
        "Microsoft.AspNetCore",
        "Microsoft.Extensions.Hosting",
        "Microsoft.Identity",
        "Nethereum",
        "Polly",
        "MLGov.Platform",
        "MLGov.Operations",
        "MLGov.Contracts",
    ];

    /// <summary>
    /// What stands in for Azure on a developer machine (the local OIDC issuer, the Service Bus emulator,
    /// the local host and the dependencies it starts): nothing that is deployed may reference them.
    /// </summary>
    public static readonly string[] LocalStandInNamespaces =
    [
        "MLGov.OidcIssuer",
        "MLGov.DevStack",
        "MLGov.ServiceBusEmulator",
        "MLGov.LocalHost",
        "MLGov.LocalStack",
    ];

    /// <summary>Types of the assembly that use a type from any of the namespaces.</summary>
    public static IReadOnlyList<string> TypesDependingOn(Assembly assembly, string[] namespaces)
    {
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(namespaces).GetResult();
        return result.IsSuccessful ? [] : result.FailingTypeNames?.ToList() ?? ["(unnamed types)"];
    }

    /// <summary>Assemblies or packages the project or its compiled assembly references from any of the namespaces.</summary>
    public static IReadOnlyList<string> ReferencesTo(ProjectFile project, Assembly assembly, string[] namespaces)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(assembly);
        bool Forbidden(string name) => namespaces.Any(n => name == n || name.StartsWith(n + ".", StringComparison.Ordinal));
        return assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(Forbidden)
            .Concat(project.ProjectReferences.Where(Forbidden))
            .Concat(project.PackageReferences.Where(Forbidden))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Other apps, or other services' domain libraries, that an app references. Apps talk through
    /// events (contracts in Core) and HTTP, never through each other's code.
    /// </summary>
    public static IReadOnlyList<string> CrossAppReferences(ProjectFile app, Assembly assembly, IEnumerable<ProjectFile> apps, IEnumerable<ProjectFile> domainLibraries)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(assembly);
        var ownDomain = app.Name + ".Domain";
        var others = apps.Select(a => a.Name).Concat(domainLibraries.Select(d => d.Name))
            .Where(n => n != app.Name && n != ownDomain)
            .ToHashSet(StringComparer.Ordinal);
        return assembly.GetReferencedAssemblies().Select(a => a.Name!)
            .Concat(app.ProjectReferences)
            .Where(others.Contains)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
