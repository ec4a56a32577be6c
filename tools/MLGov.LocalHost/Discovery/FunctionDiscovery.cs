using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace MLGov.LocalHost.Discovery;

/// <summary>
/// Finds every [Function] method of an app assembly that has an HTTP or timer trigger, and
/// refuses at start-up what the local host could not serve (an unknown parameter, a trigger of
/// another kind), so a mistake shows before the first request rather than during it.
/// </summary>
public static class FunctionDiscovery
{
    public static IReadOnlyList<FunctionDescriptor> Discover(FunctionAppDefinition app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var found = new List<FunctionDescriptor>();
        foreach (var type in app.Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } || t is { IsAbstract: true, IsSealed: true }))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                var function = method.GetCustomAttribute<FunctionAttribute>();
                if (function is null)
                {
                    continue;
                }

                found.Add(Describe(app.Name, function.Name, type, method));
            }
        }

        var duplicate = found.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"App '{app.Name}' declares function '{duplicate.Key}' twice.");
        }

        return found;
    }

    private static FunctionDescriptor Describe(string app, string name, Type type, MethodInfo method)
    {
        var parameters = method.GetParameters();
        var http = parameters.Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).SingleOrDefault(a => a is not null);
        var timer = parameters.Select(p => p.GetCustomAttribute<TimerTriggerAttribute>()).SingleOrDefault(a => a is not null);
        var descriptor = (http, timer) switch
        {
            ({ } h, null) => new FunctionDescriptor(app, name, type, method, TriggerKind.Http) { Http = h },
            (null, { } t) => new FunctionDescriptor(app, name, type, method, TriggerKind.Timer) { Timer = t },
            _ => throw new InvalidOperationException(
                $"Function '{name}' ({type.FullName}.{method.Name}) needs exactly one HTTP or timer trigger; the local host serves no other kind."),
        };

        var routeParameters = descriptor.Route is null ? [] : RouteParameterNames(descriptor.Route);
        foreach (var parameter in parameters)
        {
            var bindable = parameter.ParameterType == typeof(HttpRequest)
                || parameter.ParameterType == typeof(FunctionContext)
                || parameter.ParameterType == typeof(CancellationToken)
                || parameter.ParameterType == typeof(TimerInfo)
                || routeParameters.Contains(parameter.Name!);
            if (!bindable)
            {
                throw new InvalidOperationException(
                    $"Function '{name}' has parameter '{parameter.Name}' of type {parameter.ParameterType.Name} that the local host cannot bind " +
                    "(supported: HttpRequest, FunctionContext, CancellationToken, TimerInfo and route parameters by name).");
            }
        }

        return descriptor;
    }

    /// <summary>The names in a route template: "assets/{id:guid}/versions/{version?}" gives id and version.</summary>
    internal static HashSet<string> RouteParameterNames(string route)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var template = Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse(route);
        foreach (var parameter in template.Parameters)
        {
            names.Add(parameter.Name);
        }

        return names;
    }
}
