using Microsoft.Extensions.DependencyInjection;
using MLGov.Platform.Http;

namespace MLGov.LocalHost.Tests.SampleApp;

public static class SampleAppDefinition
{
    public static FunctionAppDefinition Create(TickCounter counter) => new("sample", typeof(SampleFunctions).Assembly, (services, configuration) =>
    {
        services.AddOptions<RequestBodyOptions>().Configure(o => o.MaxBytes = 2048);
        services.AddSingleton<JsonRequestReader>();
        services.AddSingleton(counter);
    });
}
