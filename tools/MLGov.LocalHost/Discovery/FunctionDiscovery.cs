using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using MLGov.LocalHost.Timers;

namespace MLGov.LocalHost.Discovery;

/// <summary>
/// Finds every [Function] method of an app assembly that has an HTTP or timer trigger, and
/// refuses at start-up what the local host could not serve or Azure would not serve the same way
/// (an unknown parameter, a trigger of another kind, an HTTP function that does not return an
/// IActionResult, a schedule Flex Consumption refuses), so a mistake shows before the first
/// request rather than during it, or only after deployment.
/// </summary>
public static class FunctionDiscovery
{
    private static readonly IConfiguration NoSettings = new ConfigurationBuilder().Build();

    public static IReadOnlyList<FunctionDescriptor> Discover(FunctionAppDefinition app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return Discover(app.Name, app.Assembly.GetTypes().Where(app.Declares));
    }

    /// <summary>The functions declared by <paramref name="types"/> (an app assembly's types, or a few of them in tests).</summary>
    public static IReadOnlyList<FunctionDescriptor> Discover(string appName, IEnumerable<Type> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var found = new List<FunctionDescriptor>();
        foreach (var type in types.Where(t => t is { IsClass: true, IsAbstract: false } || t is { IsAbstract: true, IsSealed: true }))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                var function = method.GetCustomAttribute<FunctionAttribute>();
                if (function is null)
                {
                    continue;
                }

                found.Add(Describe(appName, function.Name, type, method));
            }
        }

        var duplicate = found.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"App '{appName}' declares function '{duplicate.Key}' twice.");
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

        if (http is not null)
        {
            RequireActionResult(name, type, method);
        }

        // A literal schedule is checked now; one behind %Setting% when the host reads its settings.
        if (timer is not null && !TimerSchedule.IsSettingReference(timer.Schedule))
        {
            try
            {
                TimerSchedule.Parse(timer.Schedule, NoSettings);
            }
            catch (FormatException exception)
            {
                throw new InvalidOperationException($"Function '{name}' ({type.FullName}.{method.Name}) has a schedule Azure would refuse: {exception.Message}", exception);
            }
        }

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

    /// <summary>
    /// With the ASP.NET Core integration, Azure serves what an HTTP function returns only when it
    /// is an IActionResult (FunctionsHttpProxyingMiddleware executes it); a POCO, an IResult or
    /// nothing at all is not written to the response the way a plain ASP.NET Core endpoint would
    /// write it. Such a function is refused rather than served differently here.
    /// </summary>
    private static void RequireActionResult(string name, Type type, MethodInfo method)
    {
        var returned = method.ReturnType;
        if (returned.IsGenericType && (returned.GetGenericTypeDefinition() == typeof(Task<>) || returned.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            returned = returned.GetGenericArguments()[0];
        }

        if (!typeof(IActionResult).IsAssignableFrom(returned))
        {
            throw new InvalidOperationException(
                $"HTTP function '{name}' ({type.FullName}.{method.Name}) returns {method.ReturnType.Name}; with the ASP.NET Core integration Azure serves only an IActionResult " +
                "(or Task<IActionResult>/ValueTask<IActionResult>). Return JsonBodyResult, ProblemDetailsResult or another IActionResult.");
        }
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
