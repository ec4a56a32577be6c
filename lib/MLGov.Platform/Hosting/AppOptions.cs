namespace MLGov.Platform.Hosting;

/// <summary>Which app this process is; set by the app's own registration.</summary>
public sealed class AppOptions
{
    public string Name { get; set; } = string.Empty;
}
