using System.Diagnostics;
using System.Text.Json;
using Azure.Messaging.ServiceBus;
using CloudNative.CloudEvents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MLGov.Core.Errors;
using MLGov.Core.Events;
using MLGov.Platform.Events;
using MLGov.Platform.Telemetry;

namespace MLGov.Platform.Messaging.Consuming;

/// <summary>
/// What happens to one message of one subscription, settled by hand:
/// <list type="number">
/// <item>not a CloudEvent → dead-lettered;</item>
/// <item>its id is in the inbox → completed, before anything else is looked at, so a redelivered
/// event that was handled never reaches its handler again, even if it would be refused now;</item>
/// <item>an unknown type, or data that breaks the schema → dead-lettered; a known type nobody here
/// handles → completed;</item>
/// <item>handler succeeded → inbox written, completed;</item>
/// <item>a dependency is unreachable (<see cref="TransientFailures"/>) → retried in place with
/// exponential backoff while the processor renews the lock, up to
/// <see cref="MessagingOptions.TransientRetryBudget"/>, so an outage costs no delivery;</item>
/// <item>the handler refused the event (a domain error) → dead-lettered, except
/// <see cref="NotFoundException"/>, which usually means an event it depends on has not arrived yet;</item>
/// <item>anything else, a missing dependency, or an outage beyond the budget → abandoned after a
/// delay that grows per delivery, until the broker dead-letters it at the subscription's max
/// delivery count.</item>
/// </list>
/// Each event is a Consumer span ("process {subscription}") continuing the trace of the code that
/// published it (its CloudEvents traceparent), current while the handler runs; its settlement is
/// measured in mlgov.handler.duration by outcome, and each dead letter counted in mlgov.events.dead_lettered.
/// </summary>
internal sealed partial class EventMessagePipeline
{
    private const int MaxDescriptionLength = 1000;

    // Outcomes, as tagged on the consumer span and the handler duration.
    private const string Completed = "completed";
    private const string Duplicate = "duplicate";
    private const string Ignored = "ignored";
    private const string DeadLettered = "dead_lettered";
    private const string Retried = "retried";
    private const string Stopped = "stopped";
    private const string Failed = "failed";

    private readonly ServiceBusEntity _subscription;
    private readonly IReadOnlyDictionary<string, EventHandlerRegistration> _handlers;
    private readonly EventCatalog _catalog;
    private readonly InboxStore _inbox;
    private readonly IServiceScopeFactory _scopes;
    private readonly MessagingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public EventMessagePipeline(
        ServiceBusEntity subscription,
        IReadOnlyDictionary<string, EventHandlerRegistration> handlers,
        EventCatalog catalog,
        InboxStore inbox,
        IServiceScopeFactory scopes,
        MessagingOptions options,
        TimeProvider time,
        ILogger logger)
    {
        _subscription = subscription;
        _handlers = handlers;
        _catalog = catalog;
        _inbox = inbox;
        _scopes = scopes;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public async Task ProcessAsync(ProcessMessageEventArgs args)
    {
        var message = args.Message;
        CloudEvent cloudEvent;
        try
        {
            cloudEvent = CloudEventMessages.FromMessage(message);
        }
        catch (InvalidEventMessageException exception)
        {
            await DeadLetterAsync(args, DeadLetterReasons.InvalidCloudEvent, exception.Message).ConfigureAwait(false);
            return;
        }

        var context = new EventContext(cloudEvent, message, _subscription);
        var parent = MLGovTelemetry.ParentFrom(EventTracing.TraceParentOf(cloudEvent), EventTracing.TraceStateOf(cloudEvent));
        using var span = MLGovTelemetry.Source.StartActivity("process " + _subscription.Path, ActivityKind.Consumer, parent);
        if (span is not null)
        {
            span.SetTag("messaging.system", "servicebus");
            span.SetTag("messaging.operation.type", "process");
            span.SetTag("messaging.destination.name", _subscription.QueueOrTopic);
            span.SetTag("messaging.destination.subscription.name", _subscription.Subscription);
            span.SetTag("messaging.message.id", message.MessageId);
            span.SetTag("messaging.servicebus.message.delivery_count", message.DeliveryCount);
            span.SetTag("cloudevents.event_id", context.EventId);
            span.SetTag("cloudevents.event_type", context.EventType);
        }

        var started = _time.GetTimestamp();
        var outcome = Failed;
        try
        {
            outcome = await SettleAsync(args, cloudEvent, context).ConfigureAwait(false);
        }
        finally
        {
            span?.SetTag("mlgov.outcome", outcome);
            if (outcome is DeadLettered or Retried or Failed)
            {
                span?.SetStatus(ActivityStatusCode.Error, outcome);
            }

            MLGovTelemetry.HandlerDuration.Record(
                _time.GetElapsedTime(started).TotalMilliseconds,
                new KeyValuePair<string, object?>("subscription", _subscription.Path),
                new KeyValuePair<string, object?>("event_type", context.EventType),
                new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    /// <summary>Decides what becomes of the message and settles it; returns the outcome.</summary>
    private async Task<string> SettleAsync(ProcessMessageEventArgs args, CloudEvent cloudEvent, EventContext context)
    {
        var message = args.Message;
        var cancellationToken = args.CancellationToken;
        var type = context.EventType;
        try
        {
            var (handledBefore, lookupFailure) = await WithOutageRetriesAsync(
                context, () => _inbox.ContainsAsync(context.Consumer, context.EventId, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (lookupFailure is not null)
            {
                await RetryLaterAsync(args, context, lookupFailure).ConfigureAwait(false);
                return Retried;
            }

            if (handledBefore)
            {
                LogDuplicate(_logger, context.EventId, type, _subscription.Path);
                await args.CompleteMessageAsync(message, cancellationToken).ConfigureAwait(false);
                return Duplicate;
            }

            if (!_handlers.TryGetValue(type, out var registration))
            {
                if (_catalog.TryFind(type, out _))
                {
                    LogNotHandledHere(_logger, context.EventId, type, _subscription.Path);
                    await args.CompleteMessageAsync(message, cancellationToken).ConfigureAwait(false);
                    return Ignored;
                }

                await DeadLetterAsync(args, DeadLetterReasons.UnknownEventType, $"No schema is registered for event type '{type}' in this app.").ConfigureAwait(false);
                return DeadLettered;
            }

            IIntegrationEvent data;
            try
            {
                data = (IIntegrationEvent)EventEnvelope.ReadData(cloudEvent, registration.Event.Schema);
            }
            catch (Exception exception) when (exception is JsonException or NotSupportedException or InvalidOperationException)
            {
                await DeadLetterAsync(args, DeadLetterReasons.SchemaViolation, $"The data does not match {type}: {exception.Message}").ConfigureAwait(false);
                return DeadLettered;
            }

            var problems = data.Validate().ToList();
            if (problems.Count > 0)
            {
                await DeadLetterAsync(args, DeadLetterReasons.SchemaViolation, $"The data breaks the rules of {type}: {string.Join("; ", problems)}").ConfigureAwait(false);
                return DeadLettered;
            }

            var (_, failure) = await WithOutageRetriesAsync(context, () => InvokeAsync(registration, data, context, cancellationToken), cancellationToken).ConfigureAwait(false);
            var outcome = Completed;
            switch (failure)
            {
                case null:
                    break;
                // A lost race (stale ETag) or a duplicate insert (the inbox row of this event exists): was it handled before?
                case ConcurrencyConflictException or AlreadyExistsException when await context.WasHandledBeforeAsync(cancellationToken).ConfigureAwait(false):
                    LogDuplicate(_logger, context.EventId, type, _subscription.Path);
                    outcome = Duplicate;
                    break;
                case NotFoundException:
                    await RetryLaterAsync(args, context, failure).ConfigureAwait(false);
                    return Retried;
                case DomainException domain when domain is not (ConcurrencyConflictException or AlreadyExistsException):
                    await DeadLetterAsync(args, DeadLetterReasons.HandlerRejected, $"{domain.Kind}: {domain.Message}").ConfigureAwait(false);
                    return DeadLettered;
                default:
                    await RetryLaterAsync(args, context, failure).ConfigureAwait(false);
                    return Retried;
            }

            await RecordAsync(context, cancellationToken).ConfigureAwait(false);
            await args.CompleteMessageAsync(message, cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                LogHandled(_logger, context.EventId, type, _subscription.Path, context.DeliveryCount);
            }

            return outcome;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The processor is stopping: leave the message to its lock expiry (or the next instance).
            return Stopped;
        }
    }

    private async Task<bool> InvokeAsync(EventHandlerRegistration registration, IIntegrationEvent data, EventContext context, CancellationToken cancellationToken)
    {
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            await registration.InvokeAsync(scope.ServiceProvider, data, context, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>
    /// Runs a step, retrying it in place while it fails with an outage, with a wait that doubles from
    /// <see cref="MessagingOptions.RetryBaseDelay"/> up to <see cref="MessagingOptions.TransientRetryMaxDelay"/>,
    /// for at most <see cref="MessagingOptions.TransientRetryBudget"/>. Returns the result, or the
    /// failure that ended it (not an outage, or an outage that outlasted the budget).
    /// </summary>
    private async Task<(T Result, Exception? Failure)> WithOutageRetriesAsync<T>(EventContext context, Func<Task<T>> step, CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (await step().ConfigureAwait(false), null);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // Every failure ends in a settlement decision.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                var wait = TimeSpan.FromMilliseconds(Math.Min(
                    _options.TransientRetryMaxDelay.TotalMilliseconds,
                    Math.Max(1, _options.RetryBaseDelay.TotalMilliseconds) * Math.Pow(2, Math.Min(attempt - 1, 30))));
                if (!TransientFailures.IsTransient(exception) || _time.GetUtcNow() + wait - started > _options.TransientRetryBudget)
                {
                    return (default!, exception);
                }

                LogOutage(_logger, exception, context.EventId, context.EventType, _subscription.Path, attempt, wait.TotalMilliseconds);
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RecordAsync(EventContext context, CancellationToken cancellationToken)
    {
        try
        {
            await _inbox.RecordAsync(context, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The state change is committed; a missing inbox entry only costs a duplicate check later.
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogInboxWriteFailed(_logger, exception, context.EventId, context.Consumer);
        }
    }

    private async Task RetryLaterAsync(ProcessMessageEventArgs args, EventContext context, Exception failure)
    {
        LogRetrying(_logger, failure, context.EventId, context.EventType, _subscription.Path, context.DeliveryCount);
        var delay = TimeSpan.FromMilliseconds(Math.Min(
            _options.RetryMaxDelay.TotalMilliseconds,
            _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, context.DeliveryCount - 1))));
        try
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _time, args.CancellationToken).ConfigureAwait(false);
            }

            var lastError = Truncate(failure.GetType().Name + ": " + failure.Message);
            await args.AbandonMessageAsync(args.Message, new Dictionary<string, object> { [DeadLetterReasons.LastErrorProperty] = lastError }, args.CancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (args.CancellationToken.IsCancellationRequested)
        {
            // Stopping; the lock expires and the message comes back.
        }
    }

    private async Task DeadLetterAsync(ProcessMessageEventArgs args, string reason, string description)
    {
        description = Truncate(description);
        LogDeadLettered(_logger, args.Message.MessageId, _subscription.Path, reason, description);
        await args.DeadLetterMessageAsync(args.Message, reason, description, args.CancellationToken).ConfigureAwait(false);
        MLGovTelemetry.DeadLettered.Add(1, new KeyValuePair<string, object?>("subscription", _subscription.Path), new KeyValuePair<string, object?>("reason", reason));
    }

    private static string Truncate(string text) => text.Length <= MaxDescriptionLength ? text : text[..(MaxDescriptionLength - 1)] + "…";

    [LoggerMessage(Level = LogLevel.Debug, Message = "Handled event {EventId} ({EventType}) from {Subscription} on delivery {DeliveryCount}")]
    private static partial void LogHandled(ILogger logger, string eventId, string eventType, string subscription, int deliveryCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventId} ({EventType}) from {Subscription} was handled before; completed without acting again")]
    private static partial void LogDuplicate(ILogger logger, string eventId, string eventType, string subscription);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Event {EventId} ({EventType}) on {Subscription} has no handler in this app; completed")]
    private static partial void LogNotHandledHere(ILogger logger, string eventId, string eventType, string subscription);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling event {EventId} ({EventType}) from {Subscription} failed on delivery {DeliveryCount}; abandoning it for a retry")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string eventId, string eventType, string subscription, int deliveryCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dead-lettered message {MessageId} of {Subscription}: {Reason}: {Description}")]
    private static partial void LogDeadLettered(ILogger logger, string messageId, string subscription, string reason, string description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {EventId} ({EventType}) from {Subscription}: a dependency is unreachable on attempt {Attempt}; retrying in place in {WaitMs} ms")]
    private static partial void LogOutage(ILogger logger, Exception exception, string eventId, string eventType, string subscription, int attempt, double waitMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {EventId} was handled but its inbox entry for {Consumer} could not be written")]
    private static partial void LogInboxWriteFailed(ILogger logger, Exception exception, string eventId, string consumer);
}
