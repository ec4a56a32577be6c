namespace MLGov.Trust.Status;

/// <summary>A fetched status list credential as text, or the reason there is none.</summary>
public sealed record StatusListFetch(string? Credential, string? Problem)
{
    public static StatusListFetch Fetched(string credential) => new(credential, null);

    public static StatusListFetch Failed(string problem) => new(null, problem);
}
