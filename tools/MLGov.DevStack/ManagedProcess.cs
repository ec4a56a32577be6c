using System.Diagnostics;
using System.Text;

namespace MLGov.DevStack;

/// <summary>
/// A child process that cannot outlive us. It runs under a small shell watchdog that polls the
/// owner's pid and kills the child when the owner is gone, so even a test run killed with
/// SIGKILL leaves no orphan behind. Normal stops kill the whole process tree. The last lines of
/// output are kept for error messages.
/// </summary>
public sealed class ManagedProcess : IAsyncDisposable
{
    private const int KeptLines = 60;

    // $1 = owner pid; the rest is the command. The watchdog exits (killing the child) when either side ends.
    private const string Watchdog =
        "owner=$1; shift; \"$@\" & child=$!; " +
        "trap 'kill $child 2>/dev/null; wait $child; exit 143' TERM INT HUP; " +
        "while kill -0 $owner 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 0.5; done; " +
        "kill $child 2>/dev/null; wait $child";

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
        var info = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepoPaths.Root,
        };
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
                _process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
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
