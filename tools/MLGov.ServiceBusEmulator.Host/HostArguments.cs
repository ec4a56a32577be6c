using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MLGov.ServiceBusEmulator.Host;

/// <summary>Command line of the emulator executable.</summary>
internal sealed record HostArguments(int Port, string Host, string TopologyPath, bool Verbose)
{
    public const string Usage = "usage: MLGov.ServiceBusEmulator.Host [--port N (default 5672, 0 = free port)] [--host 127.0.0.1] [--topology FILE (default: infra/servicebus/topology.json above the current directory)] [--verbose]";

    private const string DefaultTopology = "infra/servicebus/topology.json";

    public static bool TryParse(string[] args, [NotNullWhen(true)] out HostArguments? arguments, [NotNullWhen(false)] out string? error)
    {
        int port = EmulatorOptions.DefaultPort;
        string host = "127.0.0.1";
        string? topology = null;
        bool verbose = false;
        arguments = null;
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--port" when value is not null && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) && parsed <= 65535:
                    port = parsed;
                    i++;
                    break;
                case "--host" when value is not null:
                    host = value;
                    i++;
                    break;
                case "--topology" when value is not null:
                    topology = value;
                    i++;
                    break;
                case "--verbose":
                    verbose = true;
                    break;
                default:
                    error = $"Unexpected or incomplete argument '{args[i]}'.";
                    return false;
            }
        }

        topology ??= FindUpwards(DefaultTopology);
        if (topology is null || !File.Exists(topology))
        {
            error = $"Topology file not found ({topology ?? DefaultTopology}); pass --topology FILE.";
            return false;
        }

        arguments = new HostArguments(port, host, Path.GetFullPath(topology), verbose);
        error = null;
        return true;
    }

    private static string? FindUpwards(string relativePath)
    {
        for (DirectoryInfo? dir = new(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
