using System.Reflection;

namespace MLGov.Architecture.Tests;

public sealed class LayerTests
{
    public static TheoryData<string> DomainLibraries() => [.. SolutionLayout.DomainLibraries.Select(p => p.Name)];

    public static TheoryData<string> Apps() => [.. SolutionLayout.Apps.Select(p => p.Name)];

    [Fact]
    public void The_layout_finds_the_five_apps_and_the_domain_libraries()
    {
        Assert.Equal(["MLGov.Finance", "MLGov.Identity", "MLGov.Registry", "MLGov.Risk", "MLGov.Voting"], SolutionLayout.Apps.Select(a => a.Name));
        Assert.Contains("MLGov.Risk.Domain", SolutionLayout.DomainLibraries.Select(d => d.Name));
        Assert.Contains("MLGov.Finance.Domain", SolutionLayout.DomainLibraries.Select(d => d.Name));
    }

    [Theory]
    [MemberData(nameof(DomainLibraries))]
    public void A_domain_library_uses_no_Azure_hosting_HTTP_or_RPC_type(string name)
    {
        var project = Find(SolutionLayout.DomainLibraries, name);
        var assembly = project.Load();

        Assert.Empty(LayerRules.TypesDependingOn(assembly, LayerRules.InfrastructureNamespaces));
        Assert.Empty(LayerRules.ReferencesTo(project, assembly, LayerRules.InfrastructureNamespaces));
    }

    [Theory]
    [MemberData(nameof(DomainLibraries))]
    public void A_domain_library_references_no_other_service(string name)
    {
        var project = Find(SolutionLayout.DomainLibraries, name);
        var referenced = project.Load().GetReferencedAssemblies().Select(a => a.Name!).Concat(project.ProjectReferences).ToHashSet();

        foreach (var other in SolutionLayout.DomainLibraries.Concat(SolutionLayout.Apps).Where(p => p.Name != name))
        {
            Assert.DoesNotContain(other.Name, referenced);
        }
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public void No_app_references_another_app_or_its_domain(string name)
    {
        var app = Find(SolutionLayout.Apps, name);

        Assert.Empty(LayerRules.CrossAppReferences(app, app.Load(), SolutionLayout.Apps, SolutionLayout.DomainLibraries));
    }

    public static TheoryData<string> Deployed() =>
        [.. SolutionLayout.Apps.Concat(SolutionLayout.DomainLibraries).Append(SolutionLayout.Core).Append(SolutionLayout.Trust).Append(SolutionLayout.Platform).Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Deployed))]
    public void Nothing_deployed_references_a_local_stand_in(string name)
    {
        var project = SolutionLayout.Apps.Concat(SolutionLayout.DomainLibraries).Append(SolutionLayout.Core).Append(SolutionLayout.Trust).Append(SolutionLayout.Platform).Single(p => p.Name == name);
        var assembly = project.Load();

        Assert.Empty(LayerRules.TypesDependingOn(assembly, LayerRules.LocalStandInNamespaces));
        Assert.Empty(LayerRules.ReferencesTo(project, assembly, LayerRules.LocalStandInNamespaces));
    }

    [Fact]
    public void Core_references_no_Azure_SDK_or_chain_client()
    {
        var core = SolutionLayout.Core;
        var assembly = core.Load();

        Assert.Empty(LayerRules.TypesDependingOn(assembly, LayerRules.AzureAndRpcNamespaces));
        Assert.Empty(LayerRules.ReferencesTo(core, assembly, LayerRules.AzureAndRpcNamespaces));
    }

    [Fact]
    public void Trust_references_no_Azure_SDK_ASP_NET_identity_platform_or_chain_client()
    {
        var trust = SolutionLayout.Trust;
        var assembly = trust.Load();

        Assert.Empty(LayerRules.TypesDependingOn(assembly, LayerRules.TrustForbiddenNamespaces));
        Assert.Empty(LayerRules.ReferencesTo(trust, assembly, LayerRules.TrustForbiddenNamespaces));
        Assert.Equal(["MLGov.Core"], trust.ProjectReferences);
    }

    // The rules catch what they are meant to catch: each is run once on something that breaks it.
    [Fact]
    public void The_domain_rule_flags_a_library_that_uses_Azure_types()
    {
        var platform = SolutionLayout.Platform;
        var assembly = platform.Load();

        Assert.Contains("MLGov.Platform.Tables.TableStores", LayerRules.TypesDependingOn(assembly, LayerRules.InfrastructureNamespaces));
        Assert.Contains("Azure.Data.Tables", LayerRules.ReferencesTo(platform, assembly, LayerRules.InfrastructureNamespaces));
    }

    [Fact]
    public void The_core_rule_flags_a_library_that_references_an_Azure_SDK()
    {
        var platform = SolutionLayout.Platform;

        Assert.NotEmpty(LayerRules.TypesDependingOn(platform.Load(), LayerRules.AzureAndRpcNamespaces));
        Assert.Contains("Azure.Messaging.ServiceBus", LayerRules.ReferencesTo(platform, platform.Load(), LayerRules.AzureAndRpcNamespaces));
    }

    [Fact]
    public void The_trust_rule_flags_a_library_that_references_an_Azure_SDK()
    {
        var platform = SolutionLayout.Platform;

        Assert.NotEmpty(LayerRules.TypesDependingOn(platform.Load(), LayerRules.TrustForbiddenNamespaces));
        Assert.Contains("Azure.Data.Tables", LayerRules.ReferencesTo(platform, platform.Load(), LayerRules.TrustForbiddenNamespaces));
    }

    [Fact]
    public void The_stand_in_rule_flags_a_project_that_starts_the_local_issuer()
    {
        var devStack = new ProjectFile(Path.Combine(SolutionLayout.Root, "tools", "MLGov.DevStack", "MLGov.DevStack.csproj"));
        var assembly = Assembly.Load(new AssemblyName(devStack.Name));

        Assert.Contains("MLGov.OidcIssuer", LayerRules.ReferencesTo(devStack, assembly, LayerRules.LocalStandInNamespaces));
        Assert.Contains("MLGov.DevStack.LocalDependencies", LayerRules.TypesDependingOn(assembly, ["MLGov.OidcIssuer"]));
    }

    [Fact]
    public void The_app_rule_flags_a_project_that_references_apps()
    {
        // The local stack references all five apps: judged as if it were a sixth app, it breaks the rule five times.
        var stack = new ProjectFile(Path.Combine(SolutionLayout.Root, "tools", "MLGov.LocalStack", "MLGov.LocalStack.csproj"));

        var violations = LayerRules.CrossAppReferences(stack, Assembly.Load(new AssemblyName(stack.Name)), SolutionLayout.Apps, SolutionLayout.DomainLibraries);

        Assert.Equal(SolutionLayout.Apps.Select(a => a.Name).Order(), violations.Order());
    }

    [Fact]
    public void An_app_may_reference_its_own_domain_but_the_rule_flags_another_services_domain()
    {
        var finance = Find(SolutionLayout.Apps, "MLGov.Finance");
        var risk = Find(SolutionLayout.Apps, "MLGov.Risk");

        // Finance's own references pass; Risk's assembly judged under Finance's name references Risk's domain, which is another service's.
        Assert.Empty(LayerRules.CrossAppReferences(finance, finance.Load(), SolutionLayout.Apps, SolutionLayout.DomainLibraries));
        Assert.Contains("MLGov.Risk.Domain", LayerRules.CrossAppReferences(finance, risk.Load(), SolutionLayout.Apps, SolutionLayout.DomainLibraries));
    }

    private static ProjectFile Find(IEnumerable<ProjectFile> projects, string name) => projects.Single(p => p.Name == name);
}
