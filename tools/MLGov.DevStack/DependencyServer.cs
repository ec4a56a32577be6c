using System.Diagnostics;

namespace MLGov.DevStack;

/// <summary>Starts one dependency on a free port and waits until it answers; retries when the port is taken meanwhile.</summary>
internal static class DependencyServer
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public static async Task<(ManagedProcess Process, int Port)> StartAsync(
        string name,
        Func<int, ManagedProcess> start,
        Func<int, CancellationToken, Task<bool>> isReady,
        int port,
        CancellationToken cancellationToken)
    {
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var chosen = port == 0 ? FreePort.Next() : port;
            var process = start(chosen);
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < StartTimeout)
            {
                if (process.HasExited)
                {
                    break;
                }

                if (await isReady(chosen, cancellationToken).ConfigureAwait(false))
                {
                    return (process, chosen);
                }

                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }

            var output = process.RecentOutput();
            await process.DisposeAsync().ConfigureAwait(false);
            if (attempt == attempts || port != 0)
            {
                throw new InvalidOperationException($"{name} did not start on 127.0.0.1:{chosen} within {StartTimeout.TotalSeconds} s. Its output:\n{output}");
            }
        }
    }
}
