using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;

namespace MLGov.EndToEnd.Tests;

/// <summary>
/// Every kind of bad request to the new endpoints gets a 4xx problem-details body and changes nothing:
/// this class's stack starts empty, and after each request its risk table and topic are still empty.
/// </summary>
public sealed class IncidentApiTests : IClassFixture<StackFixture>
{
    private readonly StackFixture _stack;

    public IncidentApiTests(StackFixture stack)
    {
        _stack = stack;
    }

    public static TheoryData<string, string> BadBodies() => new()
    {
        { "missing-incident-id", Mutate(b => b.Remove("incidentId")) },
        { "missing-asset", Mutate(b => b.Remove("asset")) },
        { "null-asset", Mutate(b => b["asset"] = null) },
        { "unknown-member", Mutate(b => b["surprise"] = true) },
        { "amount-as-string", Mutate(b => b["compensationMinor"] = "1500") },
        { "amount-fractional", Mutate(b => b["compensationMinor"] = 1.5) },
        { "amount-zero", Mutate(b => b["compensationMinor"] = 0) },
        { "amount-negative", Mutate(b => b["compensationMinor"] = -5) },
        { "amount-too-large", Mutate(b => b["compensationMinor"] = 1_000_000_000_000_001) },
        { "amount-overflow", Mutate(b => b["compensationMinor"] = JsonValue.Create(decimal.Parse("9223372036854775808", System.Globalization.CultureInfo.InvariantCulture))) },
        { "window-not-a-date", Mutate(b => b["windowStart"] = "last tuesday") },
        { "window-reversed", Mutate(b => (b["windowStart"], b["windowEnd"]) = (b["windowEnd"]!.DeepClone(), b["windowStart"]!.DeepClone())) },
        { "window-in-future", Mutate(b => b["windowEnd"] = DateTimeOffset.UtcNow.AddDays(1).ToString("O")) },
        { "detected-before-window", Mutate(b => b["detectedAt"] = DateTimeOffset.UtcNow.AddDays(-3).ToString("O")) },
        { "incident-id-empty", Mutate(b => b["incidentId"] = "") },
        { "incident-id-slash", Mutate(b => b["incidentId"] = "a/b") },
        { "incident-id-dots", Mutate(b => b["incidentId"] = "../x") },
        { "incident-id-hash", Mutate(b => b["incidentId"] = "#x") },
        { "incident-id-too-long", Mutate(b => b["incidentId"] = new string('a', 65)) },
        { "incident-id-unicode", Mutate(b => b["incidentId"] = "inc-é") },
        { "provider-not-a-did", Mutate(b => b["providerDid"] = "alice") },
        { "beneficiary-is-provider", Mutate(b => b["beneficiaryDid"] = b["providerDid"]!.DeepClone()) },
        { "objective-shouting", Mutate(b => b["objective"] = "Availability!") },
        { "asset-lower-case", Mutate(b => b["asset"] = "usdc") },
        { "json-null", "null" },
        { "json-array", "[]" },
        { "json-string", "\"incident\"" },
        { "malformed", "{\"incidentId\": " },
        { "trailing-comma", Mutate(_ => { }).TrimEnd('}') + ",}" },
        { "comment", "/* hi */" + Mutate(_ => { }) },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_body_is_a_400_problem_and_records_nothing(string defect, string body)
    {
        using var client = StackFixture.ClientFor(_stack.Host);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri("api/risk/incidents", UriKind.Relative), content);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation", defect);
        await AssertNothingRecordedAsync();
    }

    [Theory]
    [InlineData("missing-incident-id", "$.incidentId", "$.incidentId is required.")]
    [InlineData("amount-as-string", "$.compensationMinor", "$.compensationMinor must be a whole number from -9223372036854775808 to 9223372036854775807.")]
    [InlineData("window-not-a-date", "$.windowStart", "$.windowStart must be a date and time such as 2025-01-31T12:00:00Z.")]
    [InlineData("unknown-member", "$.surprise", "$.surprise is not a member of this request body.")]
    public async Task A_body_that_does_not_fit_names_the_json_member_in_errors(string defect, string member, string message)
    {
        using var client = StackFixture.ClientFor(_stack.Host);
        var body = BadBodies().Single(row => (string)row[0] == defect)[1];
        using var content = new StringContent((string)body, Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri("api/risk/incidents", UriKind.Relative), content);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation", defect);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(message, problem["errors"]![member]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("no-key", null, "application/json", HttpStatusCode.Unauthorized)]
    [InlineData("wrong-key", "not-the-key", "application/json", HttpStatusCode.Unauthorized)]
    [InlineData("text-body", StackFixture.HostKey, "text/plain", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("no-content-type", StackFixture.HostKey, null, HttpStatusCode.UnsupportedMediaType)]
    public async Task A_request_without_a_key_or_not_json_is_refused_and_records_nothing(string defect, string? key, string? mediaType, HttpStatusCode expected)
    {
        using var client = StackFixture.ClientFor(_stack.Host, key);
        using var content = new StringContent(IncidentBodies.Valid("inc-refused").ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = mediaType is null ? null : new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);

        using var response = await client.PostAsync(new Uri("api/risk/incidents", UriKind.Relative), content);

        Assert.True(expected == response.StatusCode, $"{defect}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await AssertNothingRecordedAsync();
    }

    [Fact]
    public async Task An_empty_or_oversized_body_is_refused_and_records_nothing()
    {
        using var client = StackFixture.ClientFor(_stack.Host);
        using var empty = new StringContent(string.Empty, Encoding.UTF8, "application/json");
        using var emptyResponse = await client.PostAsync(new Uri("api/risk/incidents", UriKind.Relative), empty);
        await AssertProblemAsync(emptyResponse, HttpStatusCode.BadRequest, "validation", "empty");

        var huge = IncidentBodies.Valid("inc-huge");
        huge["slaId"] = new string('s', 300 * 1024);
        using var large = new StringContent(huge.ToJsonString(), Encoding.UTF8, "application/json");
        using var largeResponse = await client.PostAsync(new Uri("api/risk/incidents", UriKind.Relative), large);
        await AssertProblemAsync(largeResponse, HttpStatusCode.RequestEntityTooLarge, "payload-too-large", "oversized");

        await AssertNothingRecordedAsync();
    }

    [Theory]
    [InlineData("api/risk/incidents/bad%20id", HttpStatusCode.BadRequest, "validation")]
    [InlineData("api/risk/incidents/inc-nobody-recorded", HttpStatusCode.NotFound, "not-found")]
    [InlineData("api/finance/payout-intents/bad%20id", HttpStatusCode.BadRequest, "validation")]
    [InlineData("api/finance/payout-intents/inc-nobody-recorded", HttpStatusCode.NotFound, "not-found")]
    public async Task Reading_a_bad_or_unknown_id_is_a_problem(string path, HttpStatusCode expected, string kind)
    {
        using var client = StackFixture.ClientFor(_stack.Host);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        await AssertProblemAsync(response, expected, kind, path);
    }

    [Theory]
    [InlineData("api/risk/incidents?limit=0", "limit")]
    [InlineData("api/risk/incidents?limit=1001", "limit")]
    [InlineData("api/risk/incidents?limit=many", "limit")]
    [InlineData("api/risk/incidents?next=not-a-token", "next")]
    [InlineData("api/risk/incidents?slaId=bad%2Fid", "slaId")]
    public async Task A_bad_page_request_is_a_400_problem_naming_the_parameter(string path, string member)
    {
        using var client = StackFixture.ClientFor(_stack.Host);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation", path);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.NotNull(problem["errors"]![member]);
    }

    [Fact]
    public async Task Listing_without_incidents_is_an_empty_last_page()
    {
        using var client = StackFixture.ClientFor(_stack.Host);

        var page = JsonNode.Parse(await client.GetStringAsync(new Uri("api/risk/incidents", UriKind.Relative)))!.AsObject();

        Assert.Empty(page["items"]!.AsArray());
        Assert.Null(page["next"]);
    }

    private static string Mutate(Action<JsonObject> change)
    {
        var body = IncidentBodies.Valid("inc-bad");
        change(body);
        return body.ToJsonString();
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string kind, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{what}: expected {(int)expected}, got {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal("urn:mlgov:problem:" + kind, problem["type"]!.GetValue<string>());
        Assert.Equal((int)expected, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()), what);
        Assert.DoesNotContain("MLGov.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
    }

    /// <summary>No row in the risk table (no incident, no outbox row) and no message on the risk topic.</summary>
    private async Task AssertNothingRecordedAsync()
    {
        try
        {
            await foreach (var row in _stack.Table("risk").QueryAsync<TableEntity>(maxPerPage: 1))
            {
                Assert.Fail($"Row {row.PartitionKey}/{row.RowKey} was written.");
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // The table was never even created.
        }

        foreach (var subscription in new[] { "risk-events/Subscriptions/finance-payouts", "risk-events/Subscriptions/risk-slashing" })
        {
            Assert.Equal(0, _stack.Emulator.GetEntity(subscription)!.TotalMessageCount);
        }
    }
}
