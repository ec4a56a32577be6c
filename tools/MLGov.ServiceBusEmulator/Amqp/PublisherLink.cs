using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Extensions.Logging;
using MLGov.ServiceBusEmulator.Broker;

namespace MLGov.ServiceBusEmulator.Amqp;

/// <summary>A client's sender link to a queue or topic: each transfer (one message or a batch) is stored, then accepted.</summary>
internal sealed partial class PublisherLink
{
    private readonly ReceivingAmqpLink _link;
    private readonly SendTarget _target;
    private readonly ILogger _logger;

    public PublisherLink(ReceivingAmqpLink link, SendTarget target, ILogger logger)
    {
        _link = link;
        _target = target;
        _logger = logger;
        link.RegisterMessageListener(OnMessage);
    }

    private void OnMessage(AmqpMessage message)
    {
        DeliveryState outcome;
        try
        {
            int duplicates = 0;
            IReadOnlyList<MessageContent> contents = AmqpMessageMapper.ReadTransfer(message);
            foreach (MessageContent content in contents)
            {
                if (!_target.Send(content))
                {
                    duplicates++;
                }
            }

            if (duplicates > 0)
            {
                LogDuplicates(_logger, _target.Name, duplicates);
            }

            outcome = AmqpConstants.AcceptedOutcome;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogRejected(_logger, ex, _target.Name);
            outcome = new Rejected { Error = new Error { Condition = AmqpErrorCode.DecodeError, Description = ex.Message } };
        }

        if (!message.Settled)
        {
            _link.DisposeMessage(message, outcome, true, message.Batchable);
        }

        message.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Entity}: dropped {Count} duplicate message(s)")]
    private static partial void LogDuplicates(ILogger logger, string entity, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Entity}: rejected a transfer that could not be read")]
    private static partial void LogRejected(ILogger logger, Exception exception, string entity);
}
