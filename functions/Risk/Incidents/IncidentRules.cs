using System.Text.RegularExpressions;
using MLGov.Core.Errors;

namespace MLGov.Risk.Incidents;

/// <summary>What a valid incident looks like; every problem found is reported at once.</summary>
internal static partial class IncidentRules
{
    /// <summary>Clock skew tolerated between the reporting monitor and us.</summary>
    public static readonly TimeSpan FutureSkew = TimeSpan.FromMinutes(5);

    /// <summary>The largest compensation accepted, in minor units.</summary>
    public const long MaxCompensationMinor = 1_000_000_000_000_000;

    public static void CheckId(string incidentId)
    {
        if (!Id().IsMatch(incidentId))
        {
            throw ValidationException.For("incidentId", "incidentId must be 1-64 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit.");
        }
    }

    public static void Check(RecordIncidentRequest request, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Fail(string member, string problem) => errors[member] = [problem];

        if (!Id().IsMatch(request.IncidentId))
        {
            Fail("incidentId", "incidentId must be 1-64 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit.");
        }

        if (!Id().IsMatch(request.SlaId))
        {
            Fail("slaId", "slaId must be 1-64 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit.");
        }

        if (!Did().IsMatch(request.ProviderDid))
        {
            Fail("providerDid", "providerDid must be a DID (did:method:identifier, at most 256 characters).");
        }

        if (!Did().IsMatch(request.BeneficiaryDid))
        {
            Fail("beneficiaryDid", "beneficiaryDid must be a DID (did:method:identifier, at most 256 characters).");
        }
        else if (string.Equals(request.ProviderDid, request.BeneficiaryDid, StringComparison.Ordinal))
        {
            Fail("beneficiaryDid", "beneficiaryDid must differ from providerDid.");
        }

        if (!Objective().IsMatch(request.Objective))
        {
            Fail("objective", "objective must be a lower-case name such as availability or latency-p99 (at most 32 characters).");
        }

        if (request.WindowStart >= request.WindowEnd)
        {
            Fail("windowEnd", "windowEnd must be after windowStart.");
        }
        else if (request.WindowEnd > now + FutureSkew)
        {
            Fail("windowEnd", "windowEnd must not be in the future.");
        }

        if (request.DetectedAt is { } detected && (detected < request.WindowStart || detected > now + FutureSkew))
        {
            Fail("detectedAt", "detectedAt must lie between windowStart and now.");
        }

        if (request.CompensationMinor is <= 0 or > MaxCompensationMinor)
        {
            Fail("compensationMinor", $"compensationMinor must be a whole number of minor units between 1 and {MaxCompensationMinor}.");
        }

        if (!Asset().IsMatch(request.Asset))
        {
            Fail("asset", "asset must be 2-12 characters of A-Z 0-9, for example USDC.");
        }

        if (errors.Count > 0)
        {
            throw new ValidationException("The incident is invalid: " + string.Join(" ", errors.Values.Select(v => v[0])), errors);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Id();

    [GeneratedRegex("^(?=.{1,256}$)did:[a-z0-9]+:[A-Za-z0-9._:%-]*[A-Za-z0-9._%-]$", RegexOptions.CultureInvariant)]
    private static partial Regex Did();

    [GeneratedRegex("^[a-z][a-z0-9-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex Objective();

    [GeneratedRegex("^[A-Z0-9]{2,12}$", RegexOptions.CultureInvariant)]
    private static partial Regex Asset();
}
