using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace MLGov.Trust.Tests.Http;

/// <summary>
/// A real HTTP server on localhost (HttpListener) whose answers a test sets per path: status, body, headers, a delay,
/// chunked or with a length. It counts the requests each path received.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LoopbackServer()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://localhost:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public ConcurrentDictionary<string, Answer> Answers { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, int> Requests { get; } = new(StringComparer.Ordinal);

    public int TotalRequests => Requests.Values.Sum();

    /// <summary>A port nothing listens on, for "unreachable".</summary>
    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Serve(string path, string body, int status = 200, TimeSpan? delay = null, bool chunked = false, string? location = null) =>
        Answers[path] = new Answer(status, System.Text.Encoding.UTF8.GetBytes(body), delay ?? TimeSpan.Zero, chunked, location);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (HttpListenerException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        Requests.AddOrUpdate(path, 1, (_, n) => n + 1);
        try
        {
            if (!Answers.TryGetValue(path, out var answer))
            {
                context.Response.StatusCode = 404;
                context.Response.Close();
                return;
            }

            if (answer.Delay > TimeSpan.Zero)
            {
                await Task.Delay(answer.Delay, _stop.Token);
            }

            context.Response.StatusCode = answer.Status;
            if (answer.Location is not null)
            {
                context.Response.RedirectLocation = answer.Location;
            }

            context.Response.ContentType = "application/did+json";
            if (answer.Chunked)
            {
                context.Response.SendChunked = true;
            }
            else
            {
                context.Response.ContentLength64 = answer.Body.Length;
            }

            // In pieces, so a chunked body really arrives in chunks.
            for (var offset = 0; offset < answer.Body.Length; offset += 8192)
            {
                await context.Response.OutputStream.WriteAsync(answer.Body.AsMemory(offset, Math.Min(8192, answer.Body.Length - offset)), _stop.Token);
            }

            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The client gave up (a timeout or size limit under test) or the server is stopping.
        }
    }

    internal sealed record Answer(int Status, byte[] Body, TimeSpan Delay, bool Chunked, string? Location);
}
