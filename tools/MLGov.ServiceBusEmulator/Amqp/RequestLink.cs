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

            AmqpMessage response;
            try
            {
                response = _handler(request);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Never let a broker bug tear down the client's connection: answer 500 instead.
                LogHandlerFailed(_logger, ex, _link.Name);
                response = InternalError(ex);
            }

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

    private static AmqpMessage InternalError(Exception exception)
    {
        AmqpMessage response = AmqpMessage.Create();
        response.ApplicationProperties = new Microsoft.Azure.Amqp.Framing.ApplicationProperties();
        response.ApplicationProperties.Map["statusCode"] = 500;
        response.ApplicationProperties.Map["statusDescription"] = exception.Message;
        response.ApplicationProperties.Map["errorCondition"] = AmqpErrorCode.InternalError;
        response.ApplicationProperties.Map["status-code"] = 500;
        response.ApplicationProperties.Map["status-description"] = exception.Message;
        return response;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request on {LinkName} failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string linkName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request on {LinkName}: no reply link for {ReplyTo}")]
    private static partial void LogNoReplyLink(ILogger logger, string linkName, string replyTo);
}
