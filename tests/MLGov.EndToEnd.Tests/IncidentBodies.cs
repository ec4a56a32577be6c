using System.Text.Json.Nodes;

namespace MLGov.EndToEnd.Tests;

/// <summary>Request bodies for POST /api/risk/incidents.</summary>
public static class IncidentBodies
{
    public static JsonObject Valid(string incidentId, long compensationMinor = 1500)
    {
        var end = DateTimeOffset.UtcNow.AddMinutes(-1);
        return new JsonObject
        {
            ["incidentId"] = incidentId,
            ["slaId"] = "sla-inference-99",
            ["providerDid"] = "did:key:z6MkProvider",
            ["beneficiaryDid"] = "did:pkh:eip155:1:0xab5801a7d398351b8be11c439e05c5b3259aec9b",
            ["objective"] = "availability",
            ["windowStart"] = end.AddHours(-1).ToString("O"),
            ["windowEnd"] = end.ToString("O"),
            ["compensationMinor"] = compensationMinor,
            ["asset"] = "USDC",
        };
    }
}
