using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MLGov.Platform.Hosting;

namespace MLGov.Platform.Tests.Messaging.Support;

/// <summary>
/// An app built the way the local host builds one (its own container from AddMLGovPlatform plus
/// its registrations, options validated, hosted services started), without HTTP.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    public const string Name = "test";

    private readonly ServiceProvider _services;
    private readonly List<IHostedService> _started = [];

    private TestApp(ServiceProvider services)
    {
        _services = services;
    }

    public IServiceProvider Services => _services;

    public static async Task<TestApp> StartAsync(IConfiguration configuration, Action<IServiceCollection> register, bool startHostedServices = true)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        services.AddMLGovPlatform(configuration, Name);
        register(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        provider.GetService<IStartupValidator>()?.Validate();
        var app = new TestApp(provider);
        if (startHostedServices)
        {
            foreach (var service in provider.GetServices<IHostedService>())
            {
                await service.StartAsync(CancellationToken.None);
                app._started.Add(service);
            }
        }

        return app;
    }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            await _started[i].StopAsync(timeout.Token);
        }

        await _services.DisposeAsync();
    }
}
