using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace MLGov.LocalHost.Discovery;

/// <summary>A [Function] method found by reflection, with the trigger that starts it.</summary>
public sealed record FunctionDescriptor(string App, string Name, Type DeclaringType, MethodInfo Method, TriggerKind Trigger)
{
    public HttpTriggerAttribute? Http { get; init; }

    public TimerTriggerAttribute? Timer { get; init; }

    /// <summary>The route template under the prefix: the trigger's Route, or the function name when it has none.</summary>
    public string? Route => Http is null ? null : (Http.Route ?? Name).Trim('/');

    public string EntryPoint => $"{DeclaringType.FullName}.{Method.Name}";
}
