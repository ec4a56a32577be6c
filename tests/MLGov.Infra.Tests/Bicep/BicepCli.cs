using System.Diagnostics;

namespace MLGov.Infra.Tests.Bicep;

/// <summary>
/// The Bicep CLI from NuGet package Azure.Bicep.CommandLine.linux-x64, as fetched by
/// <c>infra/bicep-check.sh --fetch</c>. BICEP_CLI overrides the path.
/// </summary>
public sealed class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>Environment variables read by the parameter files; never inherited from the calling shell.</summary>
    private static readonly string[] ParameterVariables =
    [
        "AZURE_ENV_NAME", "AZURE_LOCATION", "MLGOV_PROFILE", "MLGOV_CHAIN_RPC_URL", "MLGOV_CHAIN_ID",
        "MLGOV_CONTRACTS", "MLGOV_ENTRA_TENANT_ID", "MLGOV_ENTRA_CLIENT_ID", "MLGOV_CHAIN_OPERATOR_KEY", "MLGOV_VC_ISSUER_KEY",
        "MLGOV_ALERT_ACTION_GROUP_ID",
    ];

    private BicepCli(string path) => ExecutablePath = path;

    public string ExecutablePath { get; }

    public static BicepCli Locate()
    {
        var overridePath = Environment.GetEnvironmentVariable("BICEP_CLI");
        if (!string.IsNullOrEmpty(overridePath))
        {
            return new BicepCli(overridePath);
        }

        var fetch = RunProcess("bash", [RepositoryPaths.CheckScript, "--fetch"], RepositoryPaths.RepositoryRoot, new Dictionary<string, string>());
        var path = fetch.StandardOutput.Trim().Split('\n').LastOrDefault()?.Trim();
        if (fetch.ExitCode != 0 || string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new InvalidOperationException($"Could not fetch the Bicep CLI: {fetch.StandardError}");
        }

        return new BicepCli(path);
    }

    public BicepResult Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        RunProcess(ExecutablePath, arguments, workingDirectory, environment);

    private static BicepResult RunProcess(string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in ParameterVariables)
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish in {Timeout}.");
        }

        return new BicepResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
