using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using MLGov.Trust.Credentials;
using MLGov.Trust.Dids;
using MLGov.Trust.Http;
using MLGov.Trust.Keys;
using MLGov.Trust.Status;

namespace MLGov.EndToEnd.Tests.Identity;

/// <summary>
/// Issuing, revoking, suspending and reinstating credentials through the identity app's HTTP API, with each token
/// verified as an outside verifier would: did:key resolution, the signature, and the status lists fetched over HTTP
/// from the app and checked as signed by the same issuer.
/// </summary>
public sealed class CredentialApiTests : IClassFixture<StackFixture>
{
    private readonly StackFixture _stack;

    public CredentialApiTests(StackFixture stack)
    {
        _stack = stack;
    }

    private static string NewSubject() => DidKey.From(SigningKey.Generate(KeyType.Ed25519).PublicKey);

    private static JsonObject Request(string subject, string type = "DatasetCuratorCredential") => new()
    {
        ["subject"] = subject,
        ["types"] = new JsonArray(type),
        ["claims"] = new JsonObject { ["dataset"] = "imagenet-subset", ["level"] = 3 },
    };

    private static async Task<JsonObject> IssueAsync(HttpClient client, JsonObject body)
    {
        using var response = await client.PostAsJsonAsync(new Uri("api/identity/credentials", UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!.AsObject();
    }


    [Fact]
    public async Task An_issued_credential_verifies_and_stops_verifying_once_revoked()
    {
        using var client = StackFixture.ClientFor(_stack.Host);
        var subject = NewSubject();

        var issued = await IssueAsync(client, Request(subject));
        var token = issued["credential"]!.GetValue<string>();
        var expectations = new CredentialExpectations(Types: ["DatasetCuratorCredential"], Subject: subject);

        var before = await OutsideVerifier.Create().VerifyAsync(token, expectations);
        Assert.True(before.Verified, before.FirstError);
        Assert.Equal(subject, before.Subject);
        Assert.Equal(issued["issuer"]!.GetValue<string>(), before.Issuer);
        Assert.Equal(3, before.Credential!["credentialSubject"]!["level"]!.GetValue<int>());

        var id = issued["credentialId"]!.GetValue<string>();
        using var revoke = await client.PostAsJsonAsync(new Uri($"api/identity/credentials/{id}/revoke", UriKind.Relative), new { reason = "left the consortium" });
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal("revoked", (await revoke.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());

        var after = await OutsideVerifier.Create().VerifyAsync(token, expectations);
        Assert.False(after.Verified);
        Assert.Equal(CredentialErrors.Revoked, after.FirstError);

        // Revocation is final and repeating it changes nothing.
        using var again = await client.PostAsync(new Uri($"api/identity/credentials/{id}/revoke", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        using var unsuspend = await client.PostAsync(new Uri($"api/identity/credentials/{id}/unsuspend", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Conflict, unsuspend.StatusCode);
        Assert.Equal("application/problem+json", unsuspend.Content.Headers.ContentType?.MediaType);
        using var suspend = await client.PostAsync(new Uri($"api/identity/credentials/{id}/suspend", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Conflict, suspend.StatusCode);
        Assert.Equal(CredentialErrors.Revoked, (await OutsideVerifier.Create().VerifyAsync(token, expectations)).FirstError);
    }

    [Theory]
    [InlineData("vcdm2-jose")]
    [InlineData("vcdm1-jwt")]
    public async Task A_suspended_credential_fails_until_the_suspension_is_lifted(string format)
    {
        using var client = StackFixture.ClientFor(_stack.Host);
        var body = Request(NewSubject());
        body["format"] = format;
        var issued = await IssueAsync(client, body);
        var id = issued["credentialId"]!.GetValue<string>();
        var token = issued["credential"]!.GetValue<string>();
        Assert.Equal(format, (await OutsideVerifier.Create().VerifyAsync(token)).Format);

        using (var suspend = await client.PostAsync(new Uri($"api/identity/credentials/{id}/suspend", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, suspend.StatusCode);
        }

        Assert.Equal(CredentialErrors.Suspended, (await OutsideVerifier.Create().VerifyAsync(token)).FirstError);

        using (var lift = await client.PostAsync(new Uri($"api/identity/credentials/{id}/unsuspend", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, lift.StatusCode);
        }

        var result = await OutsideVerifier.Create().VerifyAsync(token);
        Assert.True(result.Verified, result.FirstError);
    }

    [Fact]
    public async Task Concurrent_issuance_gives_every_credential_its_own_slot_and_publishes_one_event_each()
    {
        using var client = StackFixture.ClientFor(_stack.Host);
        var issued = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => IssueAsync(client, Request(NewSubject()))));

        var slots = issued.Select(c => (c["revocationList"]!.GetValue<string>(), c["statusListIndex"]!.GetValue<int>())).ToList();
        Assert.Equal(slots.Count, slots.Distinct().Count());
        Assert.All(issued, c => Assert.InRange(c["statusListIndex"]!.GetValue<int>(), 0, BitstringStatusList.MinimumLength - 1));

        var table = _stack.Table("identity");
        var credentialIds = issued.Select(c => c["credentialId"]!.GetValue<string>()).ToHashSet();
        var events = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.RowKey.CompareTo("~outbox~") >= 0 && e.RowKey.CompareTo("~outbox~~") < 0))
        {
            var data = JsonNode.Parse(row.GetString("Payload")!)!["data"]!;
            if (row.GetString("EventType") == "com.mlgov.identity.credential.issued.v1" && credentialIds.Contains(data["credentialId"]!.GetValue<string>()))
            {
                events.Add(data["credentialId"]!.GetValue<string>());
            }
        }

        Assert.Equal(credentialIds.Count, events.Distinct().Count());
        Assert.Equal(events.Count, events.Distinct().Count());
    }

    public static TheoryData<string, string> BadBodies() => new()
    {
        { "subject-not-a-did", """{"subject":"alice","types":["AuditorCredential"]}""" },
        { "no-types", """{"subject":"did:example:123","types":[]}""" },
        { "lower-case-type", """{"subject":"did:example:123","types":["auditor"]}""" },
        { "reserved-type", """{"subject":"did:example:123","types":["EnterpriseMemberCredential"]}""" },
        { "status-list-type", """{"subject":"did:example:123","types":["BitstringStatusListCredential"]}""" },
        { "repeated-type", """{"subject":"did:example:123","types":["AuditorCredential","AuditorCredential"]}""" },
        { "claims-with-id", """{"subject":"did:example:123","types":["AuditorCredential"],"claims":{"id":"did:example:999"}}""" },
        { "claims-not-object", """{"subject":"did:example:123","types":["AuditorCredential"],"claims":[1,2]}""" },
        { "until-before-from", """{"subject":"did:example:123","types":["AuditorCredential"],"validFrom":"2030-01-02T00:00:00Z","validUntil":"2030-01-01T00:00:00Z"}""" },
        { "already-expired", """{"subject":"did:example:123","types":["AuditorCredential"],"validFrom":"2020-01-01T00:00:00Z","validUntil":"2020-02-01T00:00:00Z"}""" },
        { "ten-year-lifetime", """{"subject":"did:example:123","types":["AuditorCredential"],"validUntil":"2040-01-01T00:00:00Z"}""" },
        { "unknown-format", """{"subject":"did:example:123","types":["AuditorCredential"],"format":"ldp_vc"}""" },
        { "unknown-member", """{"subject":"did:example:123","types":["AuditorCredential"],"issuer":"did:example:evil"}""" },
        { "types-as-string", """{"subject":"did:example:123","types":"AuditorCredential"}""" },
        { "malformed", """{"subject":""" },
        { "json-null", "null" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_issuance_request_is_a_400_problem_and_issues_nothing(string defect, string body)
    {
        using var client = StackFixture.ClientFor(_stack.Host);
        var before = await CredentialRowsAsync();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri("api/identity/credentials", UriKind.Relative), content);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{defect}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await CredentialRowsAsync());
    }

    [Theory]
    [InlineData("get", "api/identity/credentials/c1-00000000000000000000000000000000", HttpStatusCode.NotFound)]
    [InlineData("get", "api/identity/credentials/not-ours", HttpStatusCode.NotFound)]
    [InlineData("get", "api/identity/credentials/bad%20id", HttpStatusCode.BadRequest)]
    [InlineData("post", "api/identity/credentials/c1-00000000000000000000000000000000/revoke", HttpStatusCode.NotFound)]
    [InlineData("post", "api/identity/credentials/c99999999999-00000000000000000000000000000000/suspend", HttpStatusCode.NotFound)]
    [InlineData("get", "api/identity/status/1-expiry", HttpStatusCode.NotFound)]
    [InlineData("get", "api/identity/status/0-revocation", HttpStatusCode.NotFound)]
    [InlineData("get", "api/identity/status/77-revocation", HttpStatusCode.NotFound)]
    [InlineData("get", "api/identity/status/revocation", HttpStatusCode.NotFound)]
    public async Task Unknown_or_malformed_ids_are_problems(string method, string path, HttpStatusCode expected)
    {
        using var client = StackFixture.ClientFor(_stack.Host);
        using var request = new HttpRequestMessage(method == "get" ? HttpMethod.Get : HttpMethod.Post, new Uri(path, UriKind.Relative));

        using var response = await client.SendAsync(request);

        Assert.True(expected == response.StatusCode, $"{path}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_status_change_with_a_bad_reason_changes_nothing()
    {
        using var client = StackFixture.ClientFor(_stack.Host);
        var issued = await IssueAsync(client, Request(NewSubject()));
        var id = issued["credentialId"]!.GetValue<string>();

        using var tooLong = await client.PostAsJsonAsync(new Uri($"api/identity/credentials/{id}/revoke", UriKind.Relative), new { reason = new string('x', 300) });
        using var wrongType = await client.PostAsync(new Uri($"api/identity/credentials/{id}/revoke", UriKind.Relative), new StringContent("""{"reason":42}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        var result = await OutsideVerifier.Create().VerifyAsync(issued["credential"]!.GetValue<string>());
        Assert.True(result.Verified, result.FirstError);
    }

    [Fact]
    public async Task The_status_list_is_signed_by_the_issuer_and_anonymous()
    {
        using var client = StackFixture.ClientFor(_stack.Host);
        var issued = await IssueAsync(client, Request(NewSubject()));
        using var anonymous = StackFixture.ClientFor(_stack.Host, key: null);

        using var response = await anonymous.GetAsync(new Uri(issued["revocationList"]!.GetValue<string>()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vc+jwt", response.Content.Headers.ContentType?.MediaType);
        var list = await new VcJwtVerifier(new DidKeyResolver()).VerifyAsync(
            await response.Content.ReadAsStringAsync(), new CredentialExpectations(Types: [StatusListCredentials.CredentialType]));
        Assert.True(list.Verified, list.FirstError);
        Assert.Equal(issued["issuer"]!.GetValue<string>(), list.Issuer);
        Assert.Equal(issued["revocationList"]!.GetValue<string>(), list.Id);
    }

    private async Task<int> CredentialRowsAsync()
    {
        var count = 0;
        try
        {
            await foreach (var _ in _stack.Table("identity").QueryAsync<TableEntity>(e => e.RowKey.CompareTo("credential:") >= 0 && e.RowKey.CompareTo("credential;") < 0, select: ["RowKey"]))
            {
                count++;
            }
        }
        catch (Azure.RequestFailedException exception) when (exception.Status == 404)
        {
            // The table does not exist until the app writes its first row.
        }

        return count;
    }
}
