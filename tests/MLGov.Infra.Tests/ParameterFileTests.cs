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

    [Theory]
    [InlineData("dev.bicepparam")]
    [InlineData("prod.bicepparam")]
    [InlineData("main.bicepparam")]
    public void An_empty_contracts_variable_means_no_contract_settings(string parameterFile)
    {
        // GitHub Actions passes an unset repository variable as an empty string.
        var environment = DeploymentInputs.Environment().ToDictionary();
        environment["MLGOV_CONTRACTS"] = string.Empty;
        var parameters = fixture.Workspace.BuildParameters(parameterFile, environment, out _);
        Assert.Equal("{}", parameters["parameters"]!["contracts"]!["value"]!.ToJsonString());
    }
}
