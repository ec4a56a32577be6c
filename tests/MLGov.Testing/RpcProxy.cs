using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MLGov.Testing;

/// <summary>What a <see cref="RpcProxy"/> does with one JSON-RPC request.</summary>
public enum RpcProxyAction
{
    /// <summary>Forward it and return the node's answer.</summary>
    Forward,

    /// <summary>Forward it, then answer 502: the node acted, the client cannot know.</summary>
    ForwardThenBadGateway,

    /// <summary>Never answer (until the client gives up): a network that drops everything.</summary>
    Drop,

    /// <summary>Forward it, then never answer: the node acted, the answer is lost on the way back.</summary>
    ForwardThenDrop,
}

/// <summary>
/// A real HTTP JSON-RPC proxy on a loopback port in front of a node, whose behaviour per request a test
/// sets with <see cref="Behaviour"/>: for faults of the network between an app and its node.
/// </summary>
public sealed class RpcProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http;

    private RpcProxy(WebApplication app, HttpClient http, Uri uri)
    {
        _app = app;
        _http = http;
        Uri = uri;
    }

    public Uri Uri { get; }

    /// <summary>Decides per JSON-RPC method; forwards everything by default.</summary>
    public Func<string, RpcProxyAction> Behaviour { get; set; } = _ => RpcProxyAction.Forward;

    /// <summary>Requests seen per method.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, int> Seen { get; } = new(StringComparer.Ordinal);

    public static async Task<RpcProxy> StartAsync(Uri upstream)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var http = new HttpClient();
        RpcProxy? proxy = null;
        app.MapPost("/", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var method = Method(body);
            proxy!.Seen.AddOrUpdate(method, 1, (_, n) => n + 1);
            var action = proxy.Behaviour(method);
            if (action == RpcProxyAction.Drop)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            using var forwarded = await http.PostAsync(upstream, new StringContent(body, Encoding.UTF8, "application/json"));
            var answer = await forwarded.Content.ReadAsStringAsync();
            if (action == RpcProxyAction.ForwardThenDrop)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            if (action == RpcProxyAction.ForwardThenBadGateway)
            {
                context.Response.StatusCode = StatusCodes.Status502BadGateway;
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer);
        });
        await app.StartAsync();
        proxy = new RpcProxy(app, http, new Uri(app.Urls.First()));
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _http.Dispose();
    }

    private static string Method(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.ValueKind == JsonValueKind.Array
            ? "batch"
            : document.RootElement.GetProperty("method").GetString() ?? string.Empty;
    }
}
