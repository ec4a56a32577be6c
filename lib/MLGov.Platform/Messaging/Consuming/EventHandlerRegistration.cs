using Microsoft.Extensions.DependencyInjection;
using MLGov.Core.Events;
using MLGov.Platform.Events;

namespace MLGov.Platform.Messaging.Consuming;

/// <summary>One handler of one event type on one subscription, as registered by the app.</summary>
public sealed class EventHandlerRegistration
{
    private readonly Func<IServiceProvider, object, EventContext, CancellationToken, Task> _invoke;

    private EventHandlerRegistration(ServiceBusEntity subscription, EventDefinition definition, Type handlerType, Func<IServiceProvider, object, EventContext, CancellationToken, Task> invoke)
    {
        Subscription = subscription;
        Event = definition;
        HandlerType = handlerType;
        _invoke = invoke;
    }

    public ServiceBusEntity Subscription { get; }

    public EventDefinition Event { get; }

    public Type HandlerType { get; }

    /// <summary>The key under which the handler is registered as a keyed scoped IEventHandler&lt;TEvent&gt;.</summary>
    public string HandlerKey => HandlerKeyOf(Subscription, Event.Type);

    public static string HandlerKeyOf(ServiceBusEntity subscription, string eventType)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return subscription.Path + "|" + eventType;
    }

    public static EventHandlerRegistration Create<TEvent, THandler>(string subscription)
        where TEvent : IIntegrationEvent
        where THandler : class, IEventHandler<TEvent>
    {
        ArgumentException.ThrowIfNullOrEmpty(subscription);
        var entity = ServiceBusEntity.ForSubscription(TEvent.Topic, subscription);
        var key = HandlerKeyOf(entity, TEvent.EventType);
        return new EventHandlerRegistration(
            entity,
            EventDefinition.Of<TEvent>(),
            typeof(THandler),
            (services, data, context, cancellationToken) =>
                services.GetRequiredKeyedService<IEventHandler<TEvent>>(key).HandleAsync((TEvent)data, context, cancellationToken));
    }

    internal Task InvokeAsync(IServiceProvider services, IIntegrationEvent data, EventContext context, CancellationToken cancellationToken) =>
        _invoke(services, data, context, cancellationToken);
}
