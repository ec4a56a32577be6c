namespace MLGov.Trust.Dids;

/// <summary>How long did:web documents are reused, and how many are kept.</summary>
public sealed record DidWebOptions
{
    public TimeSpan CacheTtl { get; init; } = TimeSpan.FromMinutes(5);

    public int MaxCachedDocuments { get; init; } = 1000;

    public static readonly DidWebOptions Default = new();
}
