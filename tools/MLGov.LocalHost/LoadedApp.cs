using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MLGov.LocalHost.Discovery;
using MLGov.LocalHost.Invocation;

namespace MLGov.LocalHost;

/// <summary>One app inside the local host: its own DI container, built from its own registration.</summary>
internal sealed class LoadedApp : IAsyncDisposable
{
    private readonly List<IHostedService> _started = [];

    private LoadedApp(FunctionAppDefinition definition, ServiceProvider services, IReadOnlyList<FunctionDescriptor> functions, LocalWorkerApplicationBuilder worker)
    {
        Definition = definition;
        Services = services;
        Functions = functions;
        Worker = worker;
    }

    public FunctionAppDefinition Definition { get; }

    public ServiceProvider Services { get; }

    public IReadOnlyList<FunctionDescriptor> Functions { get; }

    /// <summary>What the app's registration put on its worker builder, middleware included.</summary>
    public LocalWorkerApplicationBuilder Worker { get; }

    public static LoadedApp Build(FunctionAppDefinition definition, IConfiguration hostConfiguration, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var configuration = definition.Settings(hostConfiguration);
        var functions = FunctionDiscovery.Discover(definition);
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddSingleton(loggerFactory);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddOptions();

        // ConfigureFunctionsWebApplication adds MVC's services in Azure (AddMvc), and an IActionResult
        // finds its executor through HttpContext.RequestServices, the invocation's scope.
        // The web host registers the environment and diagnostic listener MVC's services are built with.
        var environment = new LocalWebHostEnvironment(definition.Assembly.GetName().Name!);
        services.AddSingleton<IWebHostEnvironment>(environment);
        services.AddSingleton<IHostEnvironment>(environment);
        var diagnostics = new DiagnosticListener("Microsoft.AspNetCore");
        services.AddSingleton(diagnostics);
        services.AddSingleton<DiagnosticSource>(diagnostics);
        services.AddMvc();
        var worker = new LocalWorkerApplicationBuilder(services);
        definition.Configure(worker, configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

        // What the generic host does on start: options marked ValidateOnStart are checked now.
        provider.GetService<IStartupValidator>()?.Validate();
        return new LoadedApp(definition, provider, functions, worker);
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
