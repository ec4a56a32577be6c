using System.CommandLine;
using System.Globalization;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using MLGov.Platform.Messaging;
using MLGov.Operations.DeadLetters;
using MLGov.ServiceBusEmulator.Topology;
using Spectre.Console;

namespace MLGov.Operations.DeadLetters;

/// <summary>
/// mlgov dlq list|resubmit: the dead-letter queues of the running mlgov up (default), of any emulator
/// (--connection-string) or of an Azure namespace (--namespace, signed in with DefaultAzureCredential).
/// </summary>
public static class DeadLetterCommand
{
    /// <summary>The command, writing to <paramref name="console"/>.</summary>
    /// <param name="console">Where tables and messages go.</param>
    /// <param name="stateDirectory">Where the running mlgov up keeps its <see cref="LocalServiceBusRecord"/> (the default connection).</param>
    /// <param name="topologyPath">The topology whose entities list shows when no --entity is given.</param>
    public static Command Create(IAnsiConsole console, string stateDirectory, string topologyPath)
    {
        var connectionString = new Option<string?>("--connection-string") { Description = "Service Bus connection string (default: the running mlgov up)" };
        var ns = new Option<string?>("--namespace") { Description = "Fully qualified namespace (name.servicebus.windows.net), signed in with DefaultAzureCredential" };
        var entity = new Option<string?>("--entity") { Description = "topic/Subscriptions/name or queue (list: default every entity of the topology)" };
        var topology = new Option<string>("--topology") { Description = "Topology whose entities list shows by default", DefaultValueFactory = _ => topologyPath };
        var max = new Option<int>("--max") { Description = "At most this many messages per entity", DefaultValueFactory = _ => 100 };
        var list = new Command("list", "List dead-lettered messages: sequence number, message id, subject, reason, description, enqueued time")
        {
            entity, topology, max, connectionString, ns,
        };
        list.SetAction((parse, cancellationToken) => RunAsync(console, stateDirectory, parse.GetValue(connectionString), parse.GetValue(ns), async inspector =>
        {
            var entities = parse.GetValue(entity) is { } path
                ? [ServiceBusEntity.Parse(path)]
                : await EntitiesOfAsync(parse.GetValue(topology)!, cancellationToken);
            foreach (var target in entities)
            {
                Render(console, target, await inspector.ListAsync(target, parse.GetValue(max), cancellationToken));
            }

            return 0;
        }, cancellationToken));

        var resubmitEntity = new Option<string>("--entity") { Description = "topic/Subscriptions/name or queue", Required = true };
        var sequence = new Option<long[]>("--sequence") { Description = "Sequence numbers to resubmit (repeatable)", AllowMultipleArgumentsPerToken = true };
        var all = new Option<bool>("--all") { Description = "Resubmit every dead-lettered message of the entity" };
        var resubmit = new Command("resubmit", "Send dead-lettered messages back to their topic or queue and remove them from the dead-letter queue")
        {
            resubmitEntity, sequence, all, connectionString, ns,
        };
        resubmit.Validators.Add(result =>
        {
            var hasSequence = result.GetValue(sequence) is { Length: > 0 };
            if (hasSequence == result.GetValue(all))
            {
                result.AddError("Give either --sequence N (one or more) or --all.");
            }
        });
        resubmit.SetAction((parse, cancellationToken) => RunAsync(console, stateDirectory, parse.GetValue(connectionString), parse.GetValue(ns), async inspector =>
        {
            var target = ServiceBusEntity.Parse(parse.GetValue(resubmitEntity)!);
            var chosen = parse.GetValue(all) ? null : parse.GetValue(sequence);
            var result = await inspector.ResubmitAsync(target, chosen, cancellationToken);
            foreach (var (number, messageId) in result.Resubmitted)
            {
                console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"Resubmitted [green]{number}[/] to {Markup.Escape(target.SendTarget)} as message {Markup.Escape(messageId)}"));
            }

            foreach (var number in result.NotFound)
            {
                console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[yellow]No dead-lettered message {number}[/] in {Markup.Escape(target.Path)}"));
            }

            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Resubmitted.Count} resubmitted, {result.NotFound.Count} not found."));
            return result.NotFound.Count == 0 ? 0 : 1;
        }, cancellationToken));

        return new Command("dlq", "Inspect and resubmit dead-lettered Service Bus messages") { list, resubmit };
    }

    private static async Task<int> RunAsync(
        IAnsiConsole console,
        string stateDirectory,
        string? connectionString,
        string? fullyQualifiedNamespace,
        Func<DeadLetterInspector, Task<int>> action,
        CancellationToken cancellationToken)
    {
        var options = new ServiceBusClientOptions
        {
            Identifier = "mlgov-dlq",
            RetryOptions = new ServiceBusRetryOptions { MaxRetries = 1, TryTimeout = TimeSpan.FromSeconds(15) },
        };
        ServiceBusClient client;
        if (!string.IsNullOrWhiteSpace(connectionString) && !string.IsNullOrWhiteSpace(fullyQualifiedNamespace))
        {
            console.MarkupLine("[red]Give --connection-string or --namespace, not both.[/]");
            return 2;
        }
        else if (!string.IsNullOrWhiteSpace(fullyQualifiedNamespace))
        {
            client = new ServiceBusClient(fullyQualifiedNamespace, new DefaultAzureCredential(), options);
        }
        else
        {
            connectionString ??= Environment.GetEnvironmentVariable("ServiceBus__ConnectionString");
            connectionString ??= (await LocalServiceBusRecord.TryReadAsync(Path.Combine(stateDirectory, LocalServiceBusRecord.FileName), cancellationToken))?.ConnectionString;
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                console.MarkupLine("[red]No Service Bus to inspect.[/] Start the local stack with ./mlgov up, or pass --connection-string or --namespace.");
                return 2;
            }

            client = new ServiceBusClient(connectionString, options);
        }

        await using (client)
        {
            try
            {
                return await action(new DeadLetterInspector(client));
            }
            catch (FormatException exception)
            {
                console.MarkupLine($"[red]{Markup.Escape(exception.Message)}[/]");
                return 2;
            }
            catch (ServiceBusException exception)
            {
                var hint = exception.Reason switch
                {
                    ServiceBusFailureReason.MessagingEntityNotFound => "No such queue or subscription.",
                    ServiceBusFailureReason.ServiceCommunicationProblem or ServiceBusFailureReason.ServiceTimeout => "Service Bus did not answer; is ./mlgov up still running?",
                    _ => exception.Reason.ToString(),
                };
                console.MarkupLine($"[red]{Markup.Escape(hint)}[/] {Markup.Escape(FirstLine(exception.Message))}");
                return 1;
            }
        }
    }

    private static async Task<IReadOnlyList<ServiceBusEntity>> EntitiesOfAsync(string topologyPath, CancellationToken cancellationToken)
    {
        var topology = await TopologyLoader.LoadAsync(topologyPath, cancellationToken);
        return topology.Queues.Select(q => new ServiceBusEntity(q.Name, null))
            .Concat(topology.Topics.SelectMany(t => t.Subscriptions.Select(s => ServiceBusEntity.ForSubscription(t.Name, s.Name))))
            .ToList();
    }

    private static void Render(IAnsiConsole console, ServiceBusEntity entity, IReadOnlyList<DeadLetteredMessage> messages)
    {
        if (messages.Count == 0)
        {
            console.MarkupLine($"{Markup.Escape(entity.Path)}: [green]no dead-lettered messages[/]");
            return;
        }

        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"{Markup.Escape(entity.Path)}: [yellow]{messages.Count} dead-lettered[/]"));
        var table = new Table().AddColumns("Sequence", "Message id", "Subject", "Reason", "Description", "Enqueued (UTC)");
        foreach (var message in messages)
        {
            table.AddRow(
                message.SequenceNumber.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(message.MessageId),
                Markup.Escape(message.Subject ?? string.Empty),
                Markup.Escape(message.Reason ?? string.Empty),
                Markup.Escape(message.Description ?? message.LastError ?? string.Empty),
                message.EnqueuedTime.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        }

        console.Write(table);
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
