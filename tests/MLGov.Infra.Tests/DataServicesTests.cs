using MLGov.Infra.Tests.Fixtures;
using MLGov.Infra.Tests.Policy;

namespace MLGov.Infra.Tests;

[Collection(TemplateTestGroup.Name)]
public sealed class DataServicesTests(TemplateFixture fixture)
{
    [Theory]
    [MemberData(nameof(Profiles.All), MemberType = typeof(Profiles))]
    public void Storage_key_vault_and_monitoring_are_keyless_and_in_rbac_mode(string profile) =>
        Assert.Empty(DataServicesPolicy.Check(fixture.Get(profile)));

    [Fact]
    public void Purge_protection_is_on_in_prod_and_off_in_dev()
    {
        Assert.True(fixture.Prod.One("Microsoft.KeyVault/vaults").At("properties.enablePurgeProtection")?.GetValue<bool>());
        Assert.Null(fixture.Dev.One("Microsoft.KeyVault/vaults").At("properties.enablePurgeProtection"));
    }
}
