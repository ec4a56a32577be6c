using System.ComponentModel.DataAnnotations;

namespace MLGov.Platform.Health;

/// <summary>How the readiness endpoint behaves.</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>How long a readiness report is reused before the dependencies are asked again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(5);
}
