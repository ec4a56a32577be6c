using System.Net.Sockets;
using Azure;
using Azure.Messaging.ServiceBus;

namespace MLGov.Platform.Messaging.Consuming;

/// <summary>
/// Tells an outage from a fault: a dependency that did not answer or asked to be left alone
/// (connection failures, timeouts, 408, 429, 5xx, transient Service Bus errors) against anything
/// else. The Azure SDK clients have retried before they throw, so a transient failure here means
/// the outage outlasted them.
/// </summary>
public static class TransientFailures
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        null => false,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsTransient),
        RequestFailedException failed => failed.Status is 0 or 408 or 429 or >= 500 && failed.Status != 501 && failed.Status != 505,
        ServiceBusException serviceBus => serviceBus.IsTransient,
        HttpRequestException or TimeoutException or SocketException or IOException => true,
        OperationCanceledException => true,
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };
}
