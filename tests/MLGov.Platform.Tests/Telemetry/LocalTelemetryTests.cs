using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MLGov.Platform.Hosting;
using MLGov.Platform.Telemetry;
using MLGov.Testing;

namespace MLGov.Platform.Tests.Telemetry;

/// <summary>What telemetry gives without Azure: the pending-intents gauge and the span file.</summary>
public sealed class LocalTelemetryTests
{
    [Fact]
    public async Task The_pending_intents_gauge_reports_a_registered_backlog_while_its_app_runs_and_nothing_without_one()
    {
        using var metrics = new MeasurementCollector();
        var withBacklog = await StartAsync("gauge-a", new Dictionary<string, string?>(), services => services.AddSingleton<IChainIntentBacklog>(new FixedBacklog(7)));
        var withoutBacklog = await StartAsync("gauge-b", new Dictionary<string, string?>());

        metrics.Observe();
        Assert.Equal(7, Assert.Single(metrics.Of("mlgov.chain.intents.pending", ("app", "gauge-a"))).Value);
        Assert.Empty(metrics.Of("mlgov.chain.intents.pending", ("app", "gauge-b")));

        await StopAsync(withBacklog);
        await StopAsync(withoutBacklog);
        metrics.Observe();
        Assert.Single(metrics.Of("mlgov.chain.intents.pending", ("app", "gauge-a")));
    }

    [Fact]
    public async Task Spans_go_to_the_span_file_once_even_when_several_apps_of_one_process_name_it()
    {
        var path = Path.Combine(Path.GetTempPath(), "mlgov-spans-" + Guid.NewGuid().ToString("N"), "traces.jsonl");
        var settings = new Dictionary<string, string?> { ["Telemetry:SpanFile"] = path };
        var risk = await StartAsync("risk", settings);
        var finance = await StartAsync("finance", settings);
        var caller = SpanCollector.NewCaller();
        ActivitySpanId spanId;
        using (var span = MLGovTelemetry.Source.StartActivity("sample", ActivityKind.Server, MLGovTelemetry.ParentFrom(caller.TraceParent, null)))
        {
            Assert.NotNull(span);
            span.SetTag("mlgov.app", "risk");
            spanId = span.SpanId;
        }

        await StopAsync(risk);
        await StopAsync(finance);

        var lines = File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement).Where(l => l.GetProperty("traceId").GetString() == caller.TraceId.ToHexString()).ToList();
        var line = Assert.Single(lines);
        Assert.Equal(spanId.ToHexString(), line.GetProperty("spanId").GetString());
        Assert.Equal(caller.CallerSpanId.ToHexString(), line.GetProperty("parentSpanId").GetString());
        Assert.Equal("sample", line.GetProperty("name").GetString());
        Assert.Equal("Server", line.GetProperty("kind").GetString());
        Assert.Equal("risk", line.GetProperty("tags").GetProperty("mlgov.app").GetString());
        Assert.True(line.GetProperty("durationMs").GetDouble() >= 0);
        Assert.True(DateTimeOffset.TryParse(line.GetProperty("start").GetString(), out _));
    }

    private static async Task<ServiceProvider> StartAsync(string app, Dictionary<string, string?> settings, Action<IServiceCollection>? register = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddOptions<AppOptions>().Configure(o => o.Name = app);
        services.AddMLGovTelemetry(configuration, app);
        register?.Invoke(services);
        var provider = services.BuildServiceProvider();
        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return provider;
    }

    private static async Task StopAsync(ServiceProvider provider)
    {
        foreach (var hosted in provider.GetServices<IHostedService>().Reverse())
        {
            await hosted.StopAsync(CancellationToken.None);
        }

        await provider.DisposeAsync();
    }

    private sealed class FixedBacklog(long pending) : IChainIntentBacklog
    {
        public long Pending => pending;
    }
}
