namespace MLGov.Infra.Tests.Bicep;

/// <summary>Exit code and output of one Bicep CLI run.</summary>
public sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Diagnostic lines of level Warning or Error (the CLI writes them to standard error).</summary>
    public IReadOnlyList<string> Problems =>
        StandardError.Split('\n')
            .Where(line => line.Contains(" : Warning ", StringComparison.Ordinal) || line.Contains(" : Error ", StringComparison.Ordinal))
            .ToList();
}
