namespace MLGov.Trust.Status;

/// <summary>How long fetched status lists are reused, and how large one may be.</summary>
public sealed record StatusListCheckerOptions
{
    /// <summary>The longest a fetched list is reused; a shorter <c>ttl</c> in the list credential wins.</summary>
    public TimeSpan MaxCacheTtl { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The most lists kept.</summary>
    public int MaxCachedLists { get; init; } = 1000;

    /// <summary>The largest decoded bitstring accepted.</summary>
    public int MaxListBytes { get; init; } = BitstringStatusList.DefaultMaxBytes;

    public static readonly StatusListCheckerOptions Default = new();
}
