using System.Diagnostics;
using System.Globalization;
using MLGov.Testing;

namespace MLGov.LocalHost.Tests.DevStack;

/// <summary>
/// An anvil started through DevStack goes when the process that started it goes, however it goes:
/// killed with SIGKILL while running, or killed after its job was stopped the way a terminal stops
/// a background job that touches it (its whole process group stopped). The owner is a
/// separate process (MLGov.DevStack.Owner) in a process group of its own, as a shell job would be.
/// </summary>
public sealed class OwnerKilledTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Anvil_is_gone_soon_after_its_owner_is_killed(bool ownersJobStoppedFirst)
    {
        using var owner = StartOwner();
        var anvil = 0;
        try
        {
            var port = await ReadAnvilPortAsync(owner);
            anvil = Assert.Single(ProcessesWithArguments("--port", port));

            if (ownersJobStoppedFirst)
            {
                // A terminal stops a background job with SIGTTOU/SIGTTIN/SIGTSTP; the kernel discards
                // those for a group without a parent shell (as here), so SIGSTOP does the same stop.
                await SignalAsync("STOP", "-" + owner.Id.ToString(CultureInfo.InvariantCulture));
                await Eventually.TrueAsync(() => Task.FromResult(State(owner.Id) == 'T'), "the owner's job to stop");
            }

            await SignalAsync("KILL", owner.Id.ToString(CultureInfo.InvariantCulture));

            await Eventually.TrueAsync(() => Task.FromResult(State(anvil) is null), $"anvil (pid {anvil}) to end after its owner was killed", Bound);
            Assert.Empty(StoppedIn(owner.Id));
        }
        finally
        {
            // Whatever the outcome, leave nothing behind: the owner's group, and anvil wherever it is.
            await SignalAsync("CONT", "-" + owner.Id.ToString(CultureInfo.InvariantCulture));
            await SignalAsync("KILL", "-" + owner.Id.ToString(CultureInfo.InvariantCulture));
            if (anvil != 0)
            {
                await SignalAsync("KILL", anvil.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    private static Process StartOwner()
    {
        // setsid: the owner leads a process group of its own, like a job started from a shell.
        var info = new ProcessStartInfo("setsid") { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        info.ArgumentList.Add("dotnet");
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MLGov.DevStack.Owner.dll"));
        return Process.Start(info)!;
    }

    private static async Task<string> ReadAnvilPortAsync(Process owner)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (await owner.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("anvil-port ", StringComparison.Ordinal))
            {
                return line["anvil-port ".Length..];
            }
        }

        throw new InvalidOperationException("The owner ended without starting anvil.");
    }

    private static async Task SignalAsync(string signal, string target)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, "--", target }, RedirectStandardError = true })!;
        await kill.WaitForExitAsync();
    }

    /// <summary>The process's state letter from /proc (R, S, T, Z...), or null when it no longer exists (a zombie counts as gone).</summary>
    private static char? State(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is 'Z' or 'X' ? null : state;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Processes of the group <paramref name="group"/> that are stopped (what a stopped background job leaves).</summary>
    private static List<int> StoppedIn(int group) =>
        [.. Pids().Where(pid => Field(pid, 5) == group.ToString(CultureInfo.InvariantCulture) && State(pid) == 'T')];

    private static List<int> ProcessesWithArguments(string name, string value) =>
        [.. Pids().Where(pid =>
        {
            try
            {
                var arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
                return arguments[0].EndsWith("anvil", StringComparison.Ordinal)
                    && arguments.Zip(arguments.Skip(1)).Any(pair => pair.First == name && pair.Second == value);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        })];

    private static IEnumerable<int> Pids() =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(n => n!.All(char.IsAsciiDigit)).Select(n => int.Parse(n!, CultureInfo.InvariantCulture));

    /// <summary>Field <paramref name="index"/> (1-based, as in proc(5)) of /proc/pid/stat.</summary>
    private static string? Field(int pid, int index)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return rest[index - 3];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
