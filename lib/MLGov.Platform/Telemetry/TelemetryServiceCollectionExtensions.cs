using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MLGov.Platform.Telemetry;

/// <summary>OpenTelemetry for the "MLGov" source and meter: Azure Monitor in Azure, a span file locally.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The setting that turns the Azure Monitor exporter on (the Bicep sets it on every app).</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>The setting that says how to authenticate to Azure Monitor ("Authorization=AAD[;ClientId=...]").</summary>
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>
    /// Tracing (source "MLGov") and metrics (meter "MLGov"), exported to Azure Monitor when
    /// <see cref="ConnectionStringSetting"/> is set (with Entra ID through the managed identity when
    /// <see cref="AuthenticationSetting"/> asks for it), and spans to <see cref="TelemetryOptions.SpanFile"/> when set.
    /// </summary>
    public static IServiceCollection AddMLGovTelemetry(this IServiceCollection services, IConfiguration configuration, string appName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ChainIntentBacklogObserver>());

        var connectionString = configuration[ConnectionStringSetting];
        var credential = Credential(configuration[AuthenticationSetting]);
        var spanFile = configuration[TelemetryOptions.SectionName + ":" + nameof(TelemetryOptions.SpanFile)];
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("mlgov-" + appName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(MLGovTelemetry.Name);
                if (!string.IsNullOrEmpty(spanFile))
                {
                    tracing.AddProcessor(_ => SpanFileExporter.TryOpen(spanFile) ?? new NoProcessor());
                }

                if (!string.IsNullOrEmpty(connectionString))
                {
                    tracing.AddAzureMonitorTraceExporter(o => o.ConnectionString = connectionString, credential);
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(MLGovTelemetry.Name);
                if (!string.IsNullOrEmpty(connectionString))
                {
                    metrics.AddAzureMonitorMetricExporter(o => o.ConnectionString = connectionString, credential);
                }
            });
        return services;
    }

    /// <summary>The managed identity when the authentication string says Authorization=AAD (its ClientId for a user-assigned one); otherwise none (instrumentation key only).</summary>
    private static ManagedIdentityCredential? Credential(string? authentication)
    {
        var parts = (authentication ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var authorization) || !string.Equals(authorization, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.TryGetValue("ClientId", out var clientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }

    /// <summary>Stands in for the span file's processor in the apps that do not write it.</summary>
    private sealed class NoProcessor : OpenTelemetry.BaseProcessor<System.Diagnostics.Activity>;
}
