using System.Text.Json.Serialization;

namespace MLGov.Trust.Credentials;

/// <summary>How one named check came out. Skipped means the check did not apply (nothing expected, no status) or could not run.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CheckOutcome>))]
public enum CheckOutcome
{
    [JsonStringEnumMemberName("passed")]
    Passed,

    [JsonStringEnumMemberName("failed")]
    Failed,

    [JsonStringEnumMemberName("skipped")]
    Skipped,
}
