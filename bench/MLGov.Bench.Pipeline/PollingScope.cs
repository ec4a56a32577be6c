namespace MLGov.Bench.Pipeline;

/// <summary>Marks the benchmark's own Table requests (waiting for the intents), so they are not counted as the apps' work.</summary>
internal static class PollingScope
{
    private static readonly AsyncLocal<bool> Flag = new();

    public static bool Active
    {
        get => Flag.Value;
        set => Flag.Value = value;
    }
}
