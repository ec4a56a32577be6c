using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using MLGov.LocalStack;
using MLGov.Operations.DeadLetters;
using MLGov.DevStack;
using MLGov.OidcIssuer;
using Spectre.Console;

namespace MLGov.Cli.Up;

/// <summary>mlgov up: starts the local stack, prints where everything is, stops cleanly on Ctrl-C or SIGTERM.</summary>
internal static class UpCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port of the five apps on 127.0.0.1", DefaultValueFactory = _ => 7071 };
        var command = new Command("up", "Start the local stack: Azurite, anvil with the contracts, the Service Bus emulator, the local OIDC issuer (Entra ID stand-in), and the five function apps") { port };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(port), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int port, CancellationToken cancellationToken)
    {
        var stateDirectory = Path.Combine(RepoPaths.StateDirectory, "local");
        Directory.CreateDirectory(stateDirectory);
        using var instance = UpInstanceLock.TryAcquire(stateDirectory, port);
        if (instance is null)
        {
            AnsiConsole.MarkupLine($"[red]mlgov up is already running[/] ({Markup.Escape(UpInstanceLock.DescribeHolder(stateDirectory))}). Stop it with Ctrl-C in its terminal, or kill its process.");
            return 2;
        }

        if (port is < 0 or > 65535 || (port != 0 && !FreePort.IsFree(port)))
        {
            AnsiConsole.MarkupLine($"[red]Port {port} on 127.0.0.1 is not available[/] (another program uses it). Choose another with --port.");
            return 2;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));

        LocalEnvironment? stack = null;
        string? serviceBusPath = null;
        var spanFile = Path.Combine(stateDirectory, "traces.jsonl");
        File.Delete(spanFile); // each run's spans only
        try
        {
            await AnsiConsole.Status().StartAsync("Starting", async status =>
            {
                var progress = new Progress<string>(message => status.Status(message));
                stack = await LocalEnvironment.StartAsync(port, loggerFactory, progress, spanFile, stop.Token);
            });

            var deploymentPath = Path.Combine(stateDirectory, "deployment.json");
            await stack!.Deployment.WriteAsync(deploymentPath, stop.Token);
            var keysPath = Path.Combine(stateDirectory, "keys.json");
            await File.WriteAllTextAsync(keysPath, JsonSerializer.Serialize(stack.Keys, Indented), stop.Token);
            serviceBusPath = Path.Combine(stateDirectory, LocalServiceBusRecord.FileName);
            await new LocalServiceBusRecord(stack.Dependencies.ServiceBus.ConnectionString, Environment.ProcessId, DateTimeOffset.UtcNow).WriteAsync(serviceBusPath, stop.Token);
            instance.Publish(stack.Host.BaseAddress);

            await PrintAsync(stack, deploymentPath, keysPath, serviceBusPath, spanFile, stop.Token);
            AnsiConsole.MarkupLine("[grey]Running. Ctrl-C or SIGTERM stops everything.[/]");
            await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0;
        }
#pragma warning disable CA1031 // A stack that fails to start is reported in one line, not as a stack trace.
        catch (Exception exception) when (stack is null)
#pragma warning restore CA1031
        {
            AnsiConsole.MarkupLine($"[red]The local stack did not start:[/] {Markup.Escape(exception.Message)}");
            return 1;
        }
        finally
        {
            if (serviceBusPath is not null)
            {
                File.Delete(serviceBusPath);
            }

            if (stack is not null)
            {
                AnsiConsole.MarkupLine("[grey]Stopping…[/]");
                await stack.DisposeAsync();
                AnsiConsole.MarkupLine("[grey]Stopped.[/]");
            }
        }
    }

    private static async Task PrintAsync(LocalEnvironment stack, string deploymentPath, string keysPath, string serviceBusPath, string spanFile, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = stack.Host.BaseAddress, Timeout = TimeSpan.FromSeconds(15) };
        http.DefaultRequestHeaders.Add("x-functions-key", stack.Keys.Host["default"]);
        var apps = new List<AppHealth>();
        foreach (var app in FunctionApps.All)
        {
            using var response = await http.GetAsync(new Uri($"api/{app.Name}/health/ready", UriKind.Relative), cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var dependencies = string.Join(", ", JsonDocument.Parse(body).RootElement.GetProperty("dependencies").EnumerateObject()
                .Select(d => $"{d.Name}: {d.Value.GetProperty("status").GetString()}"));
            apps.Add(new AppHealth(app.Name, new Uri(stack.Host.BaseAddress, $"api/{app.Name}/"), (int)response.StatusCode, dependencies));
        }

        var places = new List<KeyValuePair<string, string>>
        {
            new("Tables (Azurite)", stack.Dependencies.Azurite.TableEndpoint.ToString()),
            new("Service Bus (emulator)", stack.Dependencies.ServiceBus.ConnectionString),
            new("Chain (anvil)", $"{stack.Deployment.RpcUrl} (chain id {stack.Deployment.ChainId})"),
            new("Entra ID (local OIDC issuer, dev token endpoint: POST oid=<guid>&roles=<a b>)", stack.Dependencies.OidcIssuer.TokenEndpoint(LocalOidcIssuer.DefaultTenantId).ToString()),
        };
        places.AddRange(stack.Deployment.Contracts.Select(c => new KeyValuePair<string, string>($"Contract {c.Key}", c.Value)));
        places.Add(new("Deployment record", deploymentPath));
        places.Add(new("Function keys", keysPath));
        places.Add(new("Service Bus record (used by mlgov dlq)", serviceBusPath));
        places.Add(new("Spans (JSON lines, one per span; see docs/architecture.md)", spanFile));
        UpSummary.Write(AnsiConsole.Console, apps, places);
    }
}
