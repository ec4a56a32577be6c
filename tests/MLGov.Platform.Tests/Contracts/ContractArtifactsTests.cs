using System.Diagnostics;
using MLGov.DevStack;

namespace MLGov.Platform.Tests.Contracts;

/// <summary>The checked-in ABI and bytecode are exactly what the sources compile to.</summary>
public sealed class ContractArtifactsTests
{
    [Fact]
    public async Task The_committed_artifacts_match_a_fresh_compile()
    {
        var (exitCode, output) = await RunBuildAsync(Path.Combine(RepoPaths.Root, "contracts"));

        Assert.True(exitCode == 0, output);
        Assert.Contains("artifacts up to date", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_source_change_without_a_rebuild_is_detected_as_stale()
    {
        var copy = Directory.CreateTempSubdirectory("mlgov-contracts-");
        try
        {
            CopyDirectory(Path.Combine(RepoPaths.Root, "contracts", "src"), Path.Combine(copy.FullName, "src"));
            CopyDirectory(Path.Combine(RepoPaths.Root, "contracts", "artifacts"), Path.Combine(copy.FullName, "artifacts"));
            var token = Path.Combine(copy.FullName, "src", "test", "TestToken.sol");
            await File.WriteAllTextAsync(token, (await File.ReadAllTextAsync(token)).Replace("return _decimals;", "return _decimals + 0;", StringComparison.Ordinal));

            var (exitCode, output) = await RunBuildAsync(copy.FullName);

            Assert.Equal(1, exitCode);
            Assert.Contains("stale artifacts: TestToken", output, StringComparison.Ordinal);
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunBuildAsync(string contractsRoot)
    {
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        foreach (var argument in new[] { Path.Combine(RepoPaths.Root, "contracts", "build.mjs"), "--check", "--root", contractsRoot })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
