using System.Collections.Immutable;
using Microsoft.Azure.Functions.Worker;
using MLGov.LocalHost.Discovery;

namespace MLGov.LocalHost.Invocation;

/// <summary>
/// The FunctionContext the local host hands to middleware and functions: invocation id, the
/// app's scoped services, the function's definition, items (with the HttpContext under the key
/// the ASP.NET Core integration uses, so GetHttpContext() works), the cancellation token, and the
/// trace context: as Azure's host does, an HTTP invocation continues the caller's W3C traceparent
/// header, so a caller-provided trace id is kept.
/// </summary>
internal sealed class LocalFunctionContext : FunctionContext
{
    /// <summary>The Items key under which the ASP.NET Core integration keeps the HttpContext.</summary>
    internal const string HttpContextKey = "HttpRequestContext";

    private readonly LocalFunctionDefinition _definition;

    public LocalFunctionContext(
        FunctionDescriptor function,
        IServiceProvider services,
        IReadOnlyDictionary<string, object?> bindingData,
        CancellationToken cancellationToken,
        Microsoft.AspNetCore.Http.HttpContext? httpContext = null)
    {
        Function = function;
        InvocationId = Guid.NewGuid().ToString();
        _definition = new LocalFunctionDefinition(function);
        InstanceServices = services;
        BindingContext = new LocalBindingContext(bindingData);
        CancellationToken = cancellationToken;
        Items = new Dictionary<object, object>();
        HttpContext = httpContext;
        TraceContext = TraceContextOf(httpContext);
    }

    public override string InvocationId { get; }

    public override string FunctionId => _definition.Id;

    public override TraceContext TraceContext { get; }

    public override BindingContext BindingContext { get; }

    public override RetryContext RetryContext { get; } = new LocalRetryContext();

    public override IServiceProvider InstanceServices { get; set; }

    public override FunctionDefinition FunctionDefinition => _definition;

    public override IDictionary<object, object> Items { get; set; }

    public override IInvocationFeatures Features { get; } = new LocalInvocationFeatures();

    public override CancellationToken CancellationToken { get; }

    /// <summary>The function this invocation runs.</summary>
    public FunctionDescriptor Function { get; }

    /// <summary>The request of an HTTP invocation.</summary>
    public Microsoft.AspNetCore.Http.HttpContext? HttpContext { get; }

    /// <summary>The timer information of a timer invocation.</summary>
    public TimerInfo? Timer { get; init; }

    /// <summary>What the function returned, set by the innermost step of the pipeline.</summary>
    public object? Result { get; set; }

    /// <summary>The request's traceparent/tracestate headers when they are valid W3C trace context; otherwise the current span's, if it is recorded.</summary>
    private static LocalTraceContext TraceContextOf(Microsoft.AspNetCore.Http.HttpContext? httpContext)
    {
        var headers = httpContext?.Request.Headers;
        var traceParent = headers?["traceparent"].ToString();
        var traceState = headers?["tracestate"].ToString();
        if (!string.IsNullOrEmpty(traceParent) && System.Diagnostics.ActivityContext.TryParse(traceParent, traceState, out _))
        {
            return new LocalTraceContext(traceParent, traceState ?? string.Empty);
        }

        // Kestrel's own request activity is not sampled (nothing here samples it): continuing it
        // would leave the function's span unrecorded, so a request without a header starts a trace.
        var current = System.Diagnostics.Activity.Current;
        return current is { Recorded: true }
            ? new LocalTraceContext(current.Id ?? string.Empty, current.TraceStateString ?? string.Empty)
            : new LocalTraceContext(string.Empty, string.Empty);
    }

    private sealed class LocalFunctionDefinition(FunctionDescriptor function) : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters { get; } =
            [.. function.Method.GetParameters().Select(p => new FunctionParameter(p.Name!, p.ParameterType))];

        public override string PathToAssembly => function.DeclaringType.Assembly.Location;

        public override string EntryPoint => function.EntryPoint;

        public override string Id => $"{function.App}.{function.Name}";

        public override string Name => function.Name;

        public override IImmutableDictionary<string, BindingMetadata> InputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;

        public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
    }

    private sealed class LocalBindingContext(IReadOnlyDictionary<string, object?> data) : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData => data;
    }

    private sealed class LocalTraceContext(string traceParent, string traceState) : TraceContext
    {
        public override string TraceParent => traceParent;

        public override string TraceState => traceState;
    }

    private sealed class LocalRetryContext : RetryContext
    {
        public override int RetryCount => 0;

        public override int MaxRetryCount => 0;
    }

    private sealed class LocalInvocationFeatures : IInvocationFeatures
    {
        private readonly Dictionary<Type, object> _features = [];

        public T? Get<T>() => _features.TryGetValue(typeof(T), out var feature) ? (T)feature : default;

        public void Set<T>(T instance)
        {
            if (instance is null)
            {
                _features.Remove(typeof(T));
            }
            else
            {
                _features[typeof(T)] = instance;
            }
        }

        public IEnumerator<KeyValuePair<Type, object>> GetEnumerator() => _features.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
