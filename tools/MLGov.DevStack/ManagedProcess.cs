using System.Diagnostics;
using System.Text;

namespace MLGov.DevStack;

/// <summary>
/// A child process that cannot outlive us, however we end. It runs under a small shell watchdog
/// started with setsid, in a session and process group of its own, so job control on our
/// terminal (a background job stopped by SIGTTOU/SIGTTIN, Ctrl-Z) never stops the watchdog or the
/// child with us. The watchdog reads its stdin, a pipe whose other end only we hold: when we exit
/// in any way, SIGKILL included, the kernel closes that end, the read returns, and the watchdog
/// stops the child (TERM, then KILL) and its whole process group. Nothing depends on the
/// watchdog being scheduled while we run, or on us running any code on the way out. The owner
/// process id is also watched, for callers that tie the child to another process. Normal stops
/// close the pipe the same way. The last lines of output are kept for error messages.
/// </summary>
public sealed class ManagedProcess : IAsyncDisposable
{
    private const int KeptLines = 60;

    // $1 = owner pid; the rest is the command. fd 3 is the owner's pipe; the child gets /dev/null
    // as stdin and not the pipe. When the child ends, "kill -KILL 0" ends the whole group (ours alone
    // thanks to setsid): the readers, their sleeps and anything the child left behind.
    private const string Watchdog =
        "owner=$1; shift; exec 3<&0 0</dev/null; " +
        "\"$@\" 3<&- & child=$!; " +
        "stop() { kill -TERM $child 2>/dev/null; sleep 5; kill -KILL $child 2>/dev/null; }; " +
        "{ cat <&3 >/dev/null; stop; } & " +
        "{ exec 3<&-; while kill -0 $owner 2>/dev/null; do sleep 0.5; done; stop; } & " +
        "exec 3<&-; " +
        "trap 'kill -TERM $child 2>/dev/null' TERM INT HUP; " +
        "while kill -0 $child 2>/dev/null; do wait $child; done; " +
        "kill -KILL 0";

    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private readonly Lock _outputLock = new();

    private ManagedProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    public static ManagedProcess Start(string name, string fileName, IEnumerable<string> arguments, string? workingDirectory = null, IDictionary<string, string>? environment = null) =>
        Start(name, fileName, arguments, Environment.ProcessId, workingDirectory, environment);

    /// <summary>Starts a child that lives only as long as the process <paramref name="ownerProcessId"/>.</summary>
    public static ManagedProcess Start(string name, string fileName, IEnumerable<string> arguments, int ownerProcessId, string? workingDirectory = null, IDictionary<string, string>? environment = null)
    {
        // setsid -w: a new session even if setsid has to fork for it, and wait for the watchdog.
        var info = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepoPaths.Root,
        };
        info.ArgumentList.Add("-w");
        info.ArgumentList.Add("/bin/sh");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Watchdog);
        info.ArgumentList.Add("mlgov-" + name);
        info.ArgumentList.Add(ownerProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.ArgumentList.Add(fileName);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var managed = new ManagedProcess(name, process);
        process.OutputDataReceived += (_, e) => managed.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => managed.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return managed;
    }

    /// <summary>The last lines the process printed, for diagnostics.</summary>
    public string RecentOutput()
    {
        lock (_outputLock)
        {
            var text = new StringBuilder();
            foreach (var line in _output)
            {
                text.AppendLine(line);
            }

            return text.ToString();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                // Closing the pipe is what our exit would do: the watchdog stops the child and its group.
                _process.StandardInput.Close();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            _output.Enqueue(line);
            while (_output.Count > KeptLines)
            {
                _output.Dequeue();
            }
        }
    }
}
