namespace MLGov.LocalHost;

/// <summary>
/// The keys the Functions host would keep in its key store, here read from configuration
/// (LocalHost:Keys). Master opens everything; host keys open every Function-level function;
/// function keys (by function name) open that function only.
/// </summary>
public sealed class FunctionKeys
{
    public string? Master { get; set; }

    public Dictionary<string, string> Host { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, Dictionary<string, string>> Functions { get; set; } = new(StringComparer.Ordinal);
}
