using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MLGov.Identity.Tests.Resolution;

/// <summary>A real HTTP server on 127.0.0.1 serving did:web documents by path, as a development did:web host would.</summary>
public sealed class LoopbackDidWebServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackDidWebServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    /// <summary>did:web of this server, optionally with a path (colon-separated), port percent-encoded as the spec says.</summary>
    public string Did(string? path = null) => $"did:web:localhost%3A{Port}" + (path is null ? string.Empty : ":" + path);

    /// <summary>Serves <paramref name="bodies"/> by request path (e.g. /.well-known/did.json); anything else 404. The body factory gets the port.</summary>
    public static async Task<LoopbackDidWebServer> StartAsync(Func<int, IReadOnlyDictionary<string, string>> bodies)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var port = 0;
        IReadOnlyDictionary<string, string>? served = null;
        app.Run(async context =>
        {
            served ??= bodies(port);
            if (served.TryGetValue(context.Request.Path.Value ?? string.Empty, out var body))
            {
                context.Response.ContentType = "application/did+json";
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body));
                return;
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        port = new Uri(address).Port;
        return new LoopbackDidWebServer(app, port);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
