namespace MLGov.Cli.Up;

/// <summary>One app's line in the mlgov up summary: where it answers and what its health endpoint said.</summary>
public sealed record AppHealth(string Name, Uri BaseUrl, int Status, string Dependencies)
{
    public bool Healthy => Status is >= 200 and < 300;
}
