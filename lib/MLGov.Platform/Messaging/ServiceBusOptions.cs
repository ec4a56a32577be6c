using System.ComponentModel.DataAnnotations;

namespace MLGov.Platform.Messaging;

/// <summary>
/// Where the app's Service Bus namespace is. Locally a connection string (the emulator's, with
/// UseDevelopmentEmulator=true); in Azure the namespace host name alone, reached with the app's
/// managed identity (ServiceBus__FullyQualifiedNamespace, set by the Bicep). Exactly one is set.
/// </summary>
public sealed class ServiceBusOptions : IValidatableObject
{
    public const string SectionName = "ServiceBus";

    public string? ConnectionString { get; set; }

    /// <summary>For example sb-abc123.servicebus.windows.net.</summary>
    public string? FullyQualifiedNamespace { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) == string.IsNullOrWhiteSpace(FullyQualifiedNamespace))
        {
            yield return new ValidationResult(
                "Set exactly one of ServiceBus:ConnectionString (local emulator) or ServiceBus:FullyQualifiedNamespace (managed identity).",
                [nameof(ConnectionString), nameof(FullyQualifiedNamespace)]);
        }
        else if (FullyQualifiedNamespace is { Length: > 0 } host && Uri.CheckHostName(host) != UriHostNameType.Dns)
        {
            yield return new ValidationResult(
                $"ServiceBus:FullyQualifiedNamespace must be a host name such as sb-name.servicebus.windows.net, not '{host}'.",
                [nameof(FullyQualifiedNamespace)]);
        }
    }
}
