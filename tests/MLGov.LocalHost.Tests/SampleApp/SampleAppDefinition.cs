using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MLGov.Platform.Hosting;
using MLGov.Platform.Http;

namespace MLGov.LocalHost.Tests.SampleApp;

public static class SampleAppDefinition
{
    public static FunctionAppDefinition Create(TickCounter counter, LifecycleProbe? probe = null, TimerGate? gate = null) =>
        new("sample", typeof(SampleFunctions).Assembly, (builder, configuration) => builder.AddSampleApp(counter, probe, gate))
        {
            Declares = type => type.Namespace == typeof(SampleFunctions).Namespace,
        };

    /// <summary>The sample app's registration, as its Program.cs would call it: services and worker middleware.</summary>
    public static IFunctionsWorkerApplicationBuilder AddSampleApp(this IFunctionsWorkerApplicationBuilder builder, TickCounter counter, LifecycleProbe? probe = null, TimerGate? gate = null)
    {
        builder.UseMiddleware<StampingMiddleware>();
        builder.UseMLGovDefaults();
        var services = builder.Services;
        services.AddSingleton<IHostedService>(probe ?? new LifecycleProbe());
        services.AddOptions<RequestBodyOptions>().Configure(o => o.MaxBytes = 2048);
        services.AddSingleton<JsonRequestReader>();
        services.AddSingleton(counter);
        services.AddSingleton(gate ?? TimerGate.Open());
        services.AddScoped<InvocationMarker>();
        return builder;
    }
}
