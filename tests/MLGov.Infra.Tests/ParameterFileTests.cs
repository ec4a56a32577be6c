using System.Text.Json.Nodes;
using MLGov.Infra.Tests.Fixtures;

namespace MLGov.Infra.Tests;

/// <summary>dev/prod.bicepparam (for az CLI) and main.bicepparam (for azd) stay in step.</summary>
[Collection(TemplateTestGroup.Name)]
public sealed class ParameterFileTests(TemplateFixture fixture)
{
    [Theory]
    [MemberData(nameof(Profiles.All), MemberType = typeof(Profiles))]
    public void Azd_parameter_file_equals_the_profile_file(string profile)
    {
        var direct = fixture.Workspace.BuildParameters($"{profile}.bicepparam", DeploymentInputs.Environment(), out var directResult);
        var viaAzd = fixture.Workspace.BuildParameters("main.bicepparam", DeploymentInputs.Environment(profile), out var azdResult);
        Assert.Empty(directResult.Problems);
        Assert.Empty(azdResult.Problems);
        Assert.True(JsonNode.DeepEquals(direct["parameters"], viaAzd["parameters"]), $"{profile}.bicepparam and main.bicepparam (MLGOV_PROFILE={profile}) differ");
    }

    [Fact]
    public void Prod_has_no_default_chain()
    {
        var environment = DeploymentInputs.Environment().Where(e => e.Key != "MLGOV_CHAIN_RPC_URL").ToDictionary();
        var error = Assert.Throws<InvalidOperationException>(() => fixture.Workspace.BuildParameters("prod.bicepparam", environment, out _));
        Assert.Contains("MLGOV_CHAIN_RPC_URL", error.Message, StringComparison.Ordinal);
    }
}
