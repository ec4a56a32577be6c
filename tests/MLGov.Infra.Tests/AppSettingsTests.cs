using MLGov.Infra.Tests.Fixtures;
using MLGov.Infra.Tests.Policy;

namespace MLGov.Infra.Tests;

[Collection(TemplateTestGroup.Name)]
public sealed class AppSettingsTests(TemplateFixture fixture)
{
    [Theory]
    [MemberData(nameof(Profiles.All), MemberType = typeof(Profiles))]
    public void No_app_setting_holds_a_secret(string profile) =>
        Assert.Empty(AppSettingsPolicy.FindSecrets(fixture.Get(profile)));

    [Theory]
    [MemberData(nameof(Profiles.All), MemberType = typeof(Profiles))]
    public void Apps_get_identity_based_connections_and_key_vault_references(string profile) =>
        Assert.Empty(AppSettingsPolicy.CheckExpectedSettings(fixture.Get(profile)));

    [Theory]
    [MemberData(nameof(Profiles.All), MemberType = typeof(Profiles))]
    public void Each_app_names_its_own_signing_key_and_holds_no_key_material(string profile)
    {
        var deployment = fixture.Get(profile);
        var vault = deployment.One("Microsoft.KeyVault/vaults").Name;
        foreach (var (app, site) in deployment.Sites)
        {
            var keyId = AppSettingsPolicy.SettingsOf(site)["Chain__Signer__KeyVaultKeyId"];
            Assert.Equal($"https://{vault}.vault.azure.net/keys/chain-{app}", keyId);
            Assert.Contains(deployment.OfType("Microsoft.KeyVault/vaults/keys"), k => k.Name == $"{vault}/chain-{app}");
        }
    }

    [Fact]
    public void The_private_keys_reach_nothing_in_the_snapshot()
    {
        var text = fixture.Dev.Snapshot.ToJsonString() + fixture.Prod.Snapshot.ToJsonString();
        Assert.DoesNotContain(DeploymentInputs.OperatorKeyCanary, text, StringComparison.Ordinal);
        Assert.DoesNotContain(DeploymentInputs.IssuerKeyCanary, text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Profiles.All), MemberType = typeof(Profiles))]
    public void Locally_each_app_gets_the_setting_sections_its_bicep_gives_it(string profile)
    {
        foreach (var (app, site) in fixture.Get(profile).Sites)
        {
            var sections = AppSettingsPolicy.SettingsOf(site).Keys
                .Where(name => !name.StartsWith("AzureWebJobs", StringComparison.Ordinal)
                    && !name.StartsWith("APPLICATIONINSIGHTS_", StringComparison.Ordinal)
                    && !string.Equals(name, "AZURE_CLIENT_ID", StringComparison.Ordinal))
                .Select(name => name.Split("__", 2)[0])
                .Distinct()
                .Order(StringComparer.Ordinal);

            Assert.Equal(sections, MLGov.LocalStack.LocalAppSettings.AzureSections[app].Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Enterprise_login_settings_go_to_identity_and_risk_only()
    {
        foreach (var (app, site) in fixture.Dev.Sites)
        {
            var settings = AppSettingsPolicy.SettingsOf(site);
            var expected = app is "identity" or "risk";
            Assert.Equal(expected, settings.ContainsKey("AzureAd__ClientId"));
            if (expected)
            {
                Assert.Equal(DeploymentInputs.EntraClientId, settings["AzureAd__ClientId"]);
                Assert.Equal(DeploymentInputs.TenantId, settings["AzureAd__TenantId"]);
                Assert.Equal("https://login.microsoftonline.com/", settings["AzureAd__Instance"]);
            }
        }
    }
}
