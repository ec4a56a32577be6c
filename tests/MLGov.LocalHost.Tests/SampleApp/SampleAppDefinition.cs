using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MLGov.Platform.Http;

namespace MLGov.LocalHost.Tests.SampleApp;

public static class SampleAppDefinition
{
    public static FunctionAppDefinition Create(TickCounter counter, LifecycleProbe? probe = null) => new("sample", typeof(SampleFunctions).Assembly, (services, configuration) =>
    {
        services.AddSingleton<IHostedService>(probe ?? new LifecycleProbe());
        services.AddOptions<RequestBodyOptions>().Configure(o => o.MaxBytes = 2048);
        services.AddSingleton<JsonRequestReader>();
        services.AddSingleton(counter);
    });
}
