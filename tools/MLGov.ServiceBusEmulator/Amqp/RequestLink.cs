using Microsoft.Azure.Amqp;
using Microsoft.Extensions.Logging;

namespace MLGov.ServiceBusEmulator.Amqp;

/// <summary>
/// The client's sender half of a request/response pair: each request is handled and the response is sent,
/// correlated by message id, on the reply link named by reply-to.
/// </summary>
internal sealed partial class RequestLink
{
    private readonly ReceivingAmqpLink _link;
    private readonly Func<AmqpMessage, AmqpMessage> _handler;
    private readonly ReplyLinkRegistry _replyLinks;
    private readonly ILogger _logger;

    public RequestLink(ReceivingAmqpLink link, Func<AmqpMessage, AmqpMessage> handler, ReplyLinkRegistry replyLinks, ILogger logger)
    {
        _link = link;
        _handler = handler;
        _replyLinks = replyLinks;
        _logger = logger;
        link.RegisterMessageListener(OnRequest);
    }

    private void OnRequest(AmqpMessage request)
    {
        try
        {
            if (!request.Settled)
            {
                _link.DisposeMessage(request, AmqpConstants.AcceptedOutcome, true, false);
            }

            AmqpMessage response = _handler(request);
            response.Properties.CorrelationId = request.Properties.MessageId;
            string? replyTo = request.Properties.ReplyTo?.ToString();
            if (replyTo is null || !_replyLinks.TrySend(replyTo, response))
            {
                LogNoReplyLink(_logger, _link.Name, replyTo ?? "(none)");
            }
        }
        finally
        {
            request.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request on {LinkName}: no reply link for {ReplyTo}")]
    private static partial void LogNoReplyLink(ILogger logger, string linkName, string replyTo);
}
