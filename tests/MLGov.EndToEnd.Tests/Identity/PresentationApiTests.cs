using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MLGov.Trust.Credentials;
using MLGov.Trust.Dids;
using MLGov.Trust.Keys;
using MLGov.Trust.Presentations;

namespace MLGov.EndToEnd.Tests.Identity;

/// <summary>
/// Challenges and presentations through the identity app: a holder asks for a nonce, presents a credential issued to
/// it, and the app verifies signature, audience, nonce (once), the credential and holder binding.
/// </summary>
public sealed class PresentationApiTests : IClassFixture<StackFixture>
{
    private const string Audience = "urn:mlgov:identity";

    private readonly StackFixture _stack;

    public PresentationApiTests(StackFixture stack)
    {
        _stack = stack;
    }


    private static async Task<string> CredentialForAsync(HttpClient client, string subject)
    {
        using var response = await client.PostAsJsonAsync(new Uri("api/identity/credentials", UriKind.Relative), new JsonObject
        {
            ["subject"] = subject,
            ["types"] = new JsonArray("ModelAuditorCredential"),
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["credential"]!.GetValue<string>();
    }

    private static async Task<JsonObject> ChallengeAsync(HttpClient client)
    {
        using var response = await client.PostAsync(new Uri("api/identity/challenges", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<JsonObject> VerifyAsync(HttpClient client, string presentation, string[]? types = null)
    {
        using var response = await client.PostAsJsonAsync(new Uri("api/identity/presentations/verify", UriKind.Relative), new JsonObject
        {
            ["presentation"] = presentation,
            ["types"] = types is null ? null : new JsonArray([.. types.Select(t => JsonValue.Create(t))]),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static string ErrorOf(JsonObject result, string check) =>
        result["checks"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == check)!["error"]?.GetValue<string>() ?? "passed";

    [Fact]
    public async Task A_presentation_verifies_once_and_its_replay_is_refused()
    {
        using var client = StackFixture.ClientFor(_stack.Host);
        var holder = Holder.New(KeyType.Secp256k1);
        var credential = await CredentialForAsync(client, holder.Did);
        var challenge = await ChallengeAsync(client);
        Assert.Equal(Audience, challenge["audience"]!.GetValue<string>());
        var vp = VpJwtIssuer.Issue(holder.Key, holder.Kid, Audience, challenge["nonce"]!.GetValue<string>(), [credential], CredentialFormat.VcdmV2Jose, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));

        var first = await VerifyAsync(client, vp, ["ModelAuditorCredential"]);
        var replay = await VerifyAsync(client, vp, ["ModelAuditorCredential"]);

        Assert.True(first["verified"]!.GetValue<bool>(), first.ToJsonString());
        Assert.Equal(holder.Did, first["holder"]!.GetValue<string>());
        Assert.False(replay["verified"]!.GetValue<bool>());
        Assert.Equal(CredentialErrors.NonceReused, ErrorOf(replay, CredentialChecks.Nonce));
    }

    [Fact]
    public async Task Wrong_audience_unknown_nonce_foreign_holder_and_revoked_credentials_are_refused()
    {
        using var client = StackFixture.ClientFor(_stack.Host);
        var holder = Holder.New(KeyType.Ed25519);
        var credential = await CredentialForAsync(client, holder.Did);
        var now = DateTimeOffset.UtcNow;

        var challenge = (await ChallengeAsync(client))["nonce"]!.GetValue<string>();
        var otherAudience = await VerifyAsync(client, VpJwtIssuer.Issue(holder.Key, holder.Kid, "urn:mlgov:voting", challenge, [credential], CredentialFormat.VcdmV2Jose, now, TimeSpan.FromMinutes(5)));
        Assert.Equal(CredentialErrors.AudienceMismatch, ErrorOf(otherAudience, CredentialChecks.Audience));
        // The nonce was not burnt by the misdirected presentation: the right one still uses it.
        var right = await VerifyAsync(client, VpJwtIssuer.Issue(holder.Key, holder.Kid, Audience, challenge, [credential], CredentialFormat.VcdmV2Jose, now, TimeSpan.FromMinutes(5)));
        Assert.True(right["verified"]!.GetValue<bool>(), right.ToJsonString());

        var invented = await VerifyAsync(client, VpJwtIssuer.Issue(holder.Key, holder.Kid, Audience, "bm90LWlzc3VlZC1oZXJlLW5vdC1pc3N1ZWQtaGVyZS0x", [credential], CredentialFormat.VcdmV2Jose, now, TimeSpan.FromMinutes(5)));
        Assert.Equal(CredentialErrors.NonceUnknown, ErrorOf(invented, CredentialChecks.Nonce));

        // Someone else presenting the holder's credential: signed by another DID, so holder binding fails.
        var thief = Holder.New(KeyType.Secp256k1);
        var stolen = await VerifyAsync(client, VpJwtIssuer.Issue(thief.Key, thief.Kid, Audience, (await ChallengeAsync(client))["nonce"]!.GetValue<string>(), [credential], CredentialFormat.VcdmV2Jose, now, TimeSpan.FromMinutes(5)));
        Assert.False(stolen["verified"]!.GetValue<bool>());
        Assert.Equal(CredentialErrors.NotHolder, ErrorOf(stolen, CredentialChecks.HolderBinding));

        var revokedHolder = Holder.New(KeyType.Secp256k1);
        var issued = await CredentialForAsync(client, revokedHolder.Did);
        var id = JsonNode.Parse(System.Text.Encoding.UTF8.GetString(MLGov.Core.Encoding.Base64Url.Decode(issued.Split('.')[1])))!["id"]!.GetValue<string>().Split('/')[^1];
        using (var revoke = await client.PostAsync(new Uri($"api/identity/credentials/{id}/revoke", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }

        var revoked = await VerifyAsync(client, VpJwtIssuer.Issue(revokedHolder.Key, revokedHolder.Kid, Audience, (await ChallengeAsync(client))["nonce"]!.GetValue<string>(), [issued], CredentialFormat.VcdmV2Jose, now, TimeSpan.FromMinutes(5)));
        Assert.Equal(CredentialErrors.CredentialInvalid, ErrorOf(revoked, CredentialChecks.Credentials));
    }

    [Fact]
    public async Task Concurrent_presentations_with_one_nonce_verify_exactly_once()
    {
        using var client = StackFixture.ClientFor(_stack.Host);
        var holder = Holder.New(KeyType.Secp256k1);
        var credential = await CredentialForAsync(client, holder.Did);
        var nonce = (await ChallengeAsync(client))["nonce"]!.GetValue<string>();
        var presentations = Enumerable.Range(0, 8)
            .Select(i => VpJwtIssuer.Issue(holder.Key, holder.Kid, Audience, nonce, [credential], CredentialFormat.VcdmV2Jose, DateTimeOffset.UtcNow.AddSeconds(-i), TimeSpan.FromMinutes(5)))
            .ToList();

        var results = await Task.WhenAll(presentations.Select(p => VerifyAsync(client, p)));

        Assert.Equal(1, results.Count(r => r["verified"]!.GetValue<bool>()));
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJ2cCI6e319.")]
    [InlineData("a.b.c")]
    public async Task A_malformed_presentation_is_reported_not_thrown(string presentation)
    {
        using var client = StackFixture.ClientFor(_stack.Host);

        var result = await VerifyAsync(client, presentation);

        Assert.False(result["verified"]!.GetValue<bool>());
        Assert.NotEqual("passed", ErrorOf(result, CredentialChecks.Format));
    }

    [Theory]
    [InlineData("""{"presentation": 12}""")]
    [InlineData("""{"presentations": "x"}""")]
    [InlineData("""{"presentation": "x", "types": "T"}""")]
    [InlineData("[]")]
    public async Task A_bad_verification_request_is_a_400_problem(string body)
    {
        using var client = StackFixture.ClientFor(_stack.Host);
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri("api/identity/presentations/verify", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
