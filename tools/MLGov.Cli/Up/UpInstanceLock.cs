using System.Globalization;

namespace MLGov.Cli.Up;

/// <summary>
/// Makes sure only one mlgov up runs per checkout: an exclusive OS lock on .mlgov/local/up.lock
/// (released by the OS even if the process is killed), with who holds it in up.json beside it.
/// </summary>
internal sealed class UpInstanceLock : IDisposable
{
    private readonly FileStream _lock;
    private readonly string _infoPath;

    private UpInstanceLock(FileStream lockFile, string infoPath)
    {
        _lock = lockFile;
        _infoPath = infoPath;
    }

    public static UpInstanceLock? TryAcquire(string directory, int port)
    {
        try
        {
            var stream = new FileStream(Path.Combine(directory, "up.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            var instance = new UpInstanceLock(stream, Path.Combine(directory, "up.json"));
            File.WriteAllText(instance._infoPath, $"pid {Environment.ProcessId}, starting on port {port}");
            return instance;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static string DescribeHolder(string directory)
    {
        var info = Path.Combine(directory, "up.json");
        return File.Exists(info) ? File.ReadAllText(info) : "another process holds .mlgov/local/up.lock";
    }

    public void Publish(Uri baseAddress) =>
        File.WriteAllText(_infoPath, string.Create(CultureInfo.InvariantCulture, $"pid {Environment.ProcessId}, apps on {baseAddress}api/"));

    public void Dispose()
    {
        try
        {
            File.Delete(_infoPath);
        }
        catch (IOException)
        {
        }

        _lock.Dispose();
    }
}
