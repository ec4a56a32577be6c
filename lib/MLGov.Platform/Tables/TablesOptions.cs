using System.ComponentModel.DataAnnotations;

namespace MLGov.Platform.Tables;

/// <summary>
/// Where the app's tables live. Locally a connection string to Azurite; in Azure the service URI
/// alone, reached with the app's managed identity (no keys in settings).
/// </summary>
public sealed class TablesOptions : IValidatableObject
{
    public const string SectionName = "Tables";

    public string? ConnectionString { get; set; }

    public Uri? ServiceUri { get; set; }

    /// <summary>Prefix added to every table name, so several stacks or test runs can share one account.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,20}$|^$")]
    public string TablePrefix { get; set; } = string.Empty;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) == (ServiceUri is null))
        {
            yield return new ValidationResult(
                "Set exactly one of Tables:ConnectionString (local) or Tables:ServiceUri (managed identity).",
                [nameof(ConnectionString), nameof(ServiceUri)]);
        }
    }
}
