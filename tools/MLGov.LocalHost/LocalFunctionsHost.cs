using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MLGov.Core.Errors;
using MLGov.LocalHost.Discovery;
using MLGov.LocalHost.Http;
using MLGov.LocalHost.Invocation;
using MLGov.LocalHost.Timers;
using MLGov.Platform.Http;

namespace MLGov.LocalHost;

/// <summary>
/// Runs several isolated-worker function apps in one process without the Functions host: each
/// app gets its own DI container from its own registration, its HTTP functions are served on
/// their Azure routes on 127.0.0.1, its timers fire on their schedules and its hosted services
/// (Service Bus consumers) run. docs/local-host.md lists where this differs from Azure.
/// </summary>
public sealed class LocalFunctionsHost : IAsyncDisposable
{
    private readonly WebApplication _web;
    private readonly List<LoadedApp> _apps;
    private readonly Dictionary<string, TimerDispatcher> _timers;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _timerLoops = [];
    private readonly List<Task> _manualRuns = [];
    private readonly Lock _manualRunsLock = new();

    private LocalFunctionsHost(WebApplication web, List<LoadedApp> apps, Dictionary<string, TimerDispatcher> timers)
    {
        _web = web;
        _apps = apps;
        _timers = timers;
    }

    /// <summary>The base address, for example http://127.0.0.1:7071/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<FunctionDescriptor> Functions => _apps.SelectMany(a => a.Functions).ToList();

    /// <summary>The DI container of one app (tests use it to reach the app's stores).</summary>
    public IServiceProvider ServicesOf(string app) =>
        _apps.Single(a => string.Equals(a.Definition.Name, app, StringComparison.OrdinalIgnoreCase)).Services;

    public static async Task<LocalFunctionsHost> StartAsync(
        IEnumerable<FunctionAppDefinition> definitions,
        IConfiguration configuration,
        LocalHostOptions options,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(options);
        var apps = new List<LoadedApp>();
        try
        {
            foreach (var definition in definitions)
            {
                apps.Add(LoadedApp.Build(definition, configuration, loggerFactory));
            }

            RejectClashes(apps, options.RoutePrefix);
            var logger = loggerFactory.CreateLogger("MLGov.LocalHost");
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(loggerFactory);
            builder.Services.AddRouting();
            builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, options.Port));
            var web = builder.Build();
            var authorizer = new KeyAuthorizer(options.Keys);
            var endpoints = new HttpFunctionEndpoints(authorizer, logger);
            var timers = new Dictionary<string, TimerDispatcher>(StringComparer.OrdinalIgnoreCase);
            foreach (var app in apps)
            {
                var invoker = new FunctionInvoker(app);
                endpoints.Map(web, options.RoutePrefix, app, invoker);
                foreach (var function in app.Functions.Where(f => f.Trigger == TriggerKind.Timer))
                {
                    var schedule = TimerSchedule.Parse(function.Timer!.Schedule, configuration);
                    timers.Add(function.Name, new TimerDispatcher(function, invoker, schedule, options.Time, logger));
                }
            }

            var host = new LocalFunctionsHost(web, apps, timers);
            host.MapAdmin(web, authorizer);
            foreach (var app in apps)
            {
                await app.StartHostedServicesAsync(cancellationToken).ConfigureAwait(false);
            }

            await web.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            host.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
            if (options.EnableTimers)
            {
                host._timerLoops.AddRange(timers.Values.Select(t => Task.Run(() => t.RunAsync(host._stopping.Token), CancellationToken.None)));
            }

            return host;
        }
        catch
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>Runs a timer function once now, as POST /admin/functions/{name} does.</summary>
    public Task TriggerAsync(string functionName, CancellationToken cancellationToken) =>
        _timers.TryGetValue(functionName, out var timer)
            ? timer.FireNowAsync(cancellationToken)
            : throw new KeyNotFoundException($"No timer function named '{functionName}'.");

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_timerLoops).ConfigureAwait(false);
        await _web.StopAsync().ConfigureAwait(false);
        await _web.DisposeAsync().ConfigureAwait(false);
        Task[] manualRuns;
        lock (_manualRunsLock)
        {
            manualRuns = [.. _manualRuns];
        }

        await Task.WhenAll(manualRuns).ConfigureAwait(false);
        foreach (var timer in _timers.Values)
        {
            timer.Dispose();
        }

        foreach (var app in _apps)
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    /// <summary>The Functions host's admin endpoint for running a non-HTTP function by hand (master key).</summary>
    private void MapAdmin(WebApplication web, KeyAuthorizer authorizer)
    {
        var timers = _timers;
        web.MapPost("/admin/functions/{name}", async (HttpContext context, string name) =>
        {
            if (!authorizer.IsMaster(context.Request))
            {
                await ProblemDetailsMapper.ToProblem(new UnauthorizedException("The admin API requires the master key.")).WriteAsync(context);
                return;
            }

            if (!timers.TryGetValue(name, out var timer))
            {
                await ProblemDetailsMapper.ToProblem(new NotFoundException($"No timer function named '{name}'.")).WriteAsync(context);
                return;
            }

            // Accepted now, run when no other run of the function is in progress (singleton, as in Azure).
            var run = Task.Run(() => timer.FireNowAsync(_stopping.Token), CancellationToken.None);
            lock (_manualRunsLock)
            {
                _manualRuns.RemoveAll(t => t.IsCompleted);
                _manualRuns.Add(run);
            }

            context.Response.StatusCode = StatusCodes.Status202Accepted;
        });
    }

    private static void RejectClashes(List<LoadedApp> apps, string routePrefix)
    {
        var names = apps.SelectMany(a => a.Functions).GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (names is not null)
        {
            throw new InvalidOperationException($"Function name '{names.Key}' is used by apps {string.Join(", ", names.Select(f => f.App))}; names must be unique in one local host.");
        }

        var routes = apps.SelectMany(a => a.Functions).Where(f => f.Route is not null)
            .SelectMany(f => (f.Http!.Methods ?? ["*"]).Select(m => (Key: $"{m.ToUpperInvariant()} /{routePrefix}/{f.Route!.ToUpperInvariant()}", Function: f)))
            .GroupBy(r => r.Key).FirstOrDefault(g => g.Count() > 1);
        if (routes is not null)
        {
            throw new InvalidOperationException($"Route {routes.Key} is claimed by {string.Join(", ", routes.Select(r => $"{r.Function.App}/{r.Function.Name}"))}.");
        }
    }
}
