using System.Diagnostics;
using System.Globalization;
using MLGov.DevStack;

namespace MLGov.Platform.Tests.DevStack;

public sealed class ManagedProcessTests
{
    [Fact]
    public async Task A_child_dies_with_its_owner_even_when_the_owner_is_killed()
    {
        using var owner = Process.Start("sleep", "120");
        var marker = UniqueSleep();
        await using var child = ManagedProcess.Start("probe", "sleep", [marker], owner.Id);
        await WaitUntilAsync(() => IsRunning(marker));

        owner.Kill();

        await WaitUntilAsync(() => !IsRunning(marker));
        await WaitUntilAsync(() => child.HasExited);
    }

    [Fact]
    public async Task Disposing_stops_the_child_and_its_watchdog()
    {
        var marker = UniqueSleep();
        var child = ManagedProcess.Start("probe", "sleep", [marker]);
        await WaitUntilAsync(() => IsRunning(marker));

        await child.DisposeAsync();

        await WaitUntilAsync(() => !IsRunning(marker));
    }

    [Fact]
    public async Task Output_is_kept_for_diagnostics()
    {
        await using var child = ManagedProcess.Start("probe", "sh", ["-c", "echo first; echo second >&2"]);
        await WaitUntilAsync(() => child.HasExited);
        await WaitUntilAsync(() => child.RecentOutput().Contains("second", StringComparison.Ordinal));

        Assert.Contains("first", child.RecentOutput(), StringComparison.Ordinal);
    }

    // A sleep duration no other process uses, so the process can be found by its command line.
    private static string UniqueSleep() => (300 + Random.Shared.NextDouble()).ToString("F6", CultureInfo.InvariantCulture);

    private static bool IsRunning(string marker) =>
        Directory.EnumerateDirectories("/proc")
            .Select(dir => Path.Combine(dir, "cmdline"))
            .Any(file =>
            {
                try
                {
                    return File.ReadAllText(file).Replace('\0', ' ').Trim() == "sleep " + marker;
                }
                catch (IOException)
                {
                    return false;
                }
                catch (UnauthorizedAccessException)
                {
                    return false;
                }
            });

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while (!condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The condition did not become true within 15 s.");
            await Task.Delay(50);
        }
    }
}
