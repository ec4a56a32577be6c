using System.Text.RegularExpressions;
using MLGov.Core.Errors;
using MLGov.Core.Identifiers;

namespace MLGov.Risk.Domain.Incidents;

/// <summary>What a valid incident report looks like; every problem found is reported at once.</summary>
public static partial class IncidentRules
{
    /// <summary>Clock skew tolerated between the reporting monitor and us.</summary>
    public static readonly TimeSpan FutureSkew = TimeSpan.FromMinutes(5);

    /// <summary>The largest compensation accepted, in minor units.</summary>
    public const long MaxCompensationMinor = 1_000_000_000_000_000;

    public static void Check(IncidentReport report, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        var errors = new ValidationErrors()
            .ResourceId("incidentId", report.IncidentId)
            .ResourceId("slaId", report.SlaId)
            .Did("providerDid", report.ProviderDid)
            .Did("beneficiaryDid", report.BeneficiaryDid)
            .Check(Objective().IsMatch(report.Objective), "objective", "objective must be a lower-case name such as availability or latency-p99 (at most 32 characters).")
            .Check(report.WindowStart < report.WindowEnd, "windowEnd", "windowEnd must be after windowStart.")
            .Check(report.WindowEnd <= now + FutureSkew, "windowEnd", "windowEnd must not be in the future.")
            .Check(report.CompensationMinor is > 0 and <= MaxCompensationMinor, "compensationMinor", $"compensationMinor must be a whole number of minor units between 1 and {MaxCompensationMinor}.")
            .AssetCode("asset", report.Asset);
        // After the DID checks: an invalid beneficiaryDid keeps that problem (the first one per member wins).
        errors.Check(!string.Equals(report.ProviderDid, report.BeneficiaryDid, StringComparison.Ordinal), "beneficiaryDid", "beneficiaryDid must differ from providerDid.");

        if (report.DetectedAt is { } detected)
        {
            errors.Check(detected >= report.WindowStart && detected <= now + FutureSkew, "detectedAt", "detectedAt must lie between windowStart and now.");
        }

        errors.ThrowIfAny("The incident is invalid");
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,31}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Objective();
}
