using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MLGov.LocalHost.Discovery;

namespace MLGov.LocalHost;

/// <summary>One app inside the local host: its own DI container, built from its own registration.</summary>
internal sealed class LoadedApp : IAsyncDisposable
{
    private readonly List<IHostedService> _started = [];

    private LoadedApp(FunctionAppDefinition definition, ServiceProvider services, IReadOnlyList<FunctionDescriptor> functions)
    {
        Definition = definition;
        Services = services;
        Functions = functions;
    }

    public FunctionAppDefinition Definition { get; }

    public ServiceProvider Services { get; }

    public IReadOnlyList<FunctionDescriptor> Functions { get; }

    public static LoadedApp Build(FunctionAppDefinition definition, IConfiguration configuration, ILoggerFactory loggerFactory)
    {
        var functions = FunctionDiscovery.Discover(definition);
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddSingleton(loggerFactory);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddOptions();
        definition.Register(services, configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

        // What the generic host does on start: options marked ValidateOnStart are checked now.
        provider.GetService<IStartupValidator>()?.Validate();
        return new LoadedApp(definition, provider, functions);
    }

    public async Task StartHostedServicesAsync(CancellationToken cancellationToken)
    {
        foreach (var service in Services.GetServices<IHostedService>())
        {
            await service.StartAsync(cancellationToken).ConfigureAwait(false);
            _started.Add(service);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            await _started[i].StopAsync(timeout.Token).ConfigureAwait(false);
        }

        _started.Clear();
        await Services.DisposeAsync().ConfigureAwait(false);
    }
}
