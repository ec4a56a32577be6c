using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MLGov.LocalStack;

namespace MLGov.LocalHost.Tests;

/// <summary>The stack mlgov up starts, as its apps see it.</summary>
public sealed class LocalEnvironmentTests
{
    [Fact]
    public async Task The_apps_with_enterprise_login_are_pointed_at_a_running_local_oidc_issuer_and_the_others_are_not()
    {
        await using var stack = await LocalEnvironment.StartAsync(0, NullLoggerFactory.Instance, null, CancellationToken.None);
        using var http = new HttpClient();

        foreach (var app in new[] { "identity", "risk" })
        {
            var settings = stack.Host.ServicesOf(app).GetRequiredService<IConfiguration>();
            var instance = new Uri(settings["AzureAd:Instance"]!);
            var tenant = settings["AzureAd:TenantId"]!;
            Assert.False(string.IsNullOrEmpty(settings["AzureAd:ClientId"]));

            // Where Microsoft.Identity.Web reads the authority's metadata from.
            using var discovery = JsonDocument.Parse(await http.GetStringAsync(new Uri(instance, $"{tenant}/v2.0/.well-known/openid-configuration")));
            Assert.Equal($"{instance.AbsoluteUri}{tenant}/v2.0", discovery.RootElement.GetProperty("issuer").GetString());
            Assert.Equal(stack.Dependencies.OidcIssuer.Instance, instance);
        }

        foreach (var app in new[] { "registry", "voting", "finance" })
        {
            Assert.Null(stack.Host.ServicesOf(app).GetRequiredService<IConfiguration>()["AzureAd:Instance"]);
        }
    }
}
