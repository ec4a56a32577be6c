namespace MLGov.Platform.Http;

/// <summary>Limits applied to every JSON request body.</summary>
public sealed class RequestBodyOptions
{
    public const string SectionName = "RequestBody";

    /// <summary>The largest body accepted, in bytes (default 256 KiB). Larger bodies get 413.</summary>
    public int MaxBytes { get; set; } = 256 * 1024;
}
