using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using MLGov.LocalStack;
using MLGov.DevStack;
using MLGov.LocalHost.Tests.SampleApp;
using MLGov.Testing;

namespace MLGov.LocalHost.Tests;

public sealed class FiveAppsTests : IClassFixture<DependenciesFixture>
{
    private readonly DependenciesFixture _fixture;

    public FiveAppsTests(DependenciesFixture fixture)
    {
        _fixture = fixture;
    }

    private const string HostKey = "five-apps-host-key";

    private static LocalHostOptions Options() => new() { Port = 0, Keys = new FunctionKeys { Host = { ["default"] = HostKey } } };

    private static HttpClient KeyedClient(LocalFunctionsHost host)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Add("x-functions-key", HostKey);
        return client;
    }

    [Fact]
    public async Task Every_app_answers_liveness_to_anyone_without_naming_anything_internal_and_readiness_only_with_a_key()
    {
        var configuration = _fixture.Configuration(new Dictionary<string, string?> { ["Chain:RpcUrl"] = $"http://127.0.0.1:{FreePort.Next()}", ["Chain:MaxRetries"] = "0" });
        await using var host = await LocalFunctionsHost.StartAsync(FunctionApps.All, configuration, Options(), NullLoggerFactory.Instance, CancellationToken.None);
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };

        foreach (var app in new[] { "identity", "registry", "voting", "finance", "risk" })
        {
            // The chain is unreachable, yet liveness answers 200: it calls no dependency.
            using var live = await anonymous.GetAsync(new Uri($"api/{app}/health", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Equal("""{"status":"alive"}""", await live.Content.ReadAsStringAsync());

            using var ready = await anonymous.GetAsync(new Uri($"api/{app}/health/ready", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, ready.StatusCode);
            var problem = await ready.Content.ReadAsStringAsync();
            Assert.DoesNotContain("tables", problem, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("127.0.0.1", problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Readiness_is_checked_at_most_once_per_cache_period_however_often_it_is_asked()
    {
        await using var host = await LocalFunctionsHost.StartAsync(FunctionApps.All, _fixture.Configuration(new Dictionary<string, string?> { ["Health:CacheDuration"] = "00:01:00" }), Options(), NullLoggerFactory.Instance, CancellationToken.None);
        using var client = KeyedClient(host);

        var bodies = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var response = await client.GetAsync(new Uri("api/risk/health/ready", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return body.RootElement.GetProperty("checkedAt").GetString();
        }));

        Assert.Single(bodies.Distinct());
    }

    [Fact]
    public async Task Every_app_answers_its_readiness_endpoint_with_its_dependencies()
    {
        await using var host = await LocalFunctionsHost.StartAsync(FunctionApps.All, _fixture.Configuration(), Options(), NullLoggerFactory.Instance, CancellationToken.None);
        using var client = KeyedClient(host);

        foreach (var app in new[] { "identity", "registry", "voting", "finance", "risk" })
        {
            using var response = await client.GetAsync(new Uri($"api/{app}/health/ready", UriKind.Relative));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{app}: {(int)response.StatusCode} {text}");
            using var body = JsonDocument.Parse(text);
            Assert.Equal(app, body.RootElement.GetProperty("app").GetString());
            Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
            var dependencies = body.RootElement.GetProperty("dependencies");
            Assert.Equal("healthy", dependencies.GetProperty("tables").GetProperty("status").GetString());
            Assert.Equal(AnvilServer.DefaultChainId, dependencies.GetProperty("chain").GetProperty("details").GetProperty("chainId").GetInt64());
        }
    }

    [Fact]
    public async Task A_dependency_that_does_not_answer_makes_readiness_503_and_names_it()
    {
        var configuration = _fixture.Configuration(new Dictionary<string, string?> { ["Chain:RpcUrl"] = $"http://127.0.0.1:{FreePort.Next()}", ["Chain:MaxRetries"] = "0" });
        await using var host = await LocalFunctionsHost.StartAsync(FunctionApps.All, configuration, Options(), NullLoggerFactory.Instance, CancellationToken.None);
        using var client = KeyedClient(host);

        using var response = await client.GetAsync(new Uri("api/voting/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var dependencies = body.RootElement.GetProperty("dependencies");
        Assert.Equal("unhealthy", dependencies.GetProperty("chain").GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(dependencies.GetProperty("chain").GetProperty("error").GetString()));
        Assert.Equal("healthy", dependencies.GetProperty("tables").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Each_app_sees_only_the_settings_its_bicep_gives_it()
    {
        var configuration = _fixture.Configuration(new Dictionary<string, string?>
        {
            ["Identity:IssuerKey"] = "local-issuer-key",
            ["AzureAd:ClientId"] = "local-client",
            ["Unrelated:Setting"] = "nobody's",
        });
        await using var host = await LocalFunctionsHost.StartAsync(FunctionApps.All, configuration, Options(), NullLoggerFactory.Instance, CancellationToken.None);
        IConfiguration Of(string app) => host.ServicesOf(app).GetRequiredService<IConfiguration>();

        Assert.Equal("local-issuer-key", Of("identity")["Identity:IssuerKey"]);
        Assert.Null(Of("risk")["Identity:IssuerKey"]);
        Assert.Equal("local-client", Of("risk")["AzureAd:ClientId"]);
        Assert.Null(Of("finance")["AzureAd:ClientId"]);
        foreach (var app in new[] { "identity", "registry", "voting", "finance", "risk" })
        {
            Assert.NotNull(Of(app)["Tables:ConnectionString"]);
            Assert.Null(Of(app)["Unrelated:Setting"]);
        }
    }

    [Fact]
    public async Task An_app_with_invalid_settings_fails_at_start_not_at_the_first_request()
    {
        var configuration = _fixture.Configuration(new Dictionary<string, string?> { ["Tables:ConnectionString"] = null, ["Tables:ServiceUri"] = null });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => LocalFunctionsHost.StartAsync(FunctionApps.All, configuration, new LocalHostOptions { Port = 0 }, NullLoggerFactory.Instance, CancellationToken.None));

        Assert.Contains("Tables", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_apps_claiming_one_function_name_are_refused()
    {
        var counter = new TickCounter();
        var twice = new[] { SampleAppDefinition.Create(counter), SampleAppDefinition.Create(counter) with { Name = "copy" } };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => LocalFunctionsHost.StartAsync(twice, _fixture.Configuration(), new LocalHostOptions { Port = 0 }, NullLoggerFactory.Instance, CancellationToken.None));

        Assert.Contains("unique", error.Message, StringComparison.Ordinal);
    }
}
