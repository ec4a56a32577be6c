using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MLGov.Core.Encoding;
using MLGov.Core.Json;
using MLGov.EndToEnd.Tests.Identity;
using MLGov.Trust.Credentials;
using MLGov.Trust.Dids;
using MLGov.Trust.Ethereum;
using MLGov.Trust.Jose;
using MLGov.Trust.Keys;
using MLGov.Trust.Presentations;

namespace MLGov.EndToEnd.Tests.Voting;

/// <summary>A wallet: a secp256k1 key, its address, and its did:key (whose Ethereum address is the same), signing as a wallet and as a DID.</summary>
internal sealed record Wallet(Holder Holder, string Address)
{
    public static Wallet New()
    {
        var holder = Holder.New(KeyType.Secp256k1);
        return new Wallet(holder, EthereumSignatures.AddressOf(holder.Key.PrivateKeyBytes));
    }

    /// <summary>What <c>eth_signTypedData_v4</c> returns for the typed data: r ‖ s ‖ v (v 27/28), 0x hex.</summary>
    public string SignTypedData(string typedData) =>
        Hex.Encode(EthereumSignatures.Sign(TypedDataEncoder.Hash(typedData).Digest, Holder.Key.PrivateKeyBytes));
}

internal static class VotingKit
{
    public const string Audience = "urn:mlgov:voting";

    public static string Unix(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>The header value of Body-Signature: a detached JWS over the body's canonical form with aud and iat.</summary>
    public static string SignBody(Holder signer, string body, string audience = Audience, DateTimeOffset? at = null)
    {
        var header = new JsonObject
        {
            ["alg"] = JwsAlgorithms.For(signer.Key.Type),
            ["kid"] = signer.Kid,
            ["aud"] = audience,
            ["iat"] = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds(),
        };
        var protectedHeader = Base64Url.Encode(Encoding.UTF8.GetBytes(header.ToJsonString()));
        var payload = Base64Url.Encode(Encoding.UTF8.GetBytes(CanonicalJson.Canonicalize(body)));
        var signature = signer.Key.Sign(Encoding.ASCII.GetBytes(protectedHeader + "." + payload));
        return protectedHeader + ".." + Base64Url.Encode(signature);
    }

    /// <summary>A DID vote: a compact JWS by the holder over the vote's payload.</summary>
    public static string DidVote(Holder voter, JsonObject payload) =>
        JwsSigner.Sign(voter.Key, Encoding.UTF8.GetBytes(payload.ToJsonString()), voter.Kid);

    /// <summary>A presentation of <paramref name="credentials"/> by the holder, for the voting app with a fresh challenge.</summary>
    public static async Task<string> PresentAsync(HttpClient client, DateTimeOffset at, Holder holder, params string[] credentials)
    {
        using var response = await client.PostAsync(new Uri("api/voting/challenges", UriKind.Relative), null);
        var challenge = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return "VP " + VpJwtIssuer.Issue(
            holder.Key, holder.Kid, challenge["audience"]!.GetValue<string>(), challenge["nonce"]!.GetValue<string>(), credentials,
            CredentialFormat.VcdmV2Jose, at, TimeSpan.FromMinutes(5));
    }

    /// <summary>Issues a credential of <paramref name="type"/> to <paramref name="subject"/> from the identity app; returns the VC-JWT.</summary>
    public static async Task<string> IssueAsync(HttpClient client, string subject, string type)
    {
        using var response = await client.PostAsJsonAsync(
            new Uri("api/identity/credentials", UriKind.Relative),
            new JsonObject { ["subject"] = subject, ["types"] = new JsonArray(type), ["claims"] = new JsonObject { ["community"] = "mlgov" } });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!["credential"]!.GetValue<string>();
    }

    /// <summary>POSTs a JSON body with headers; a refusal must be a problem-details body. Returns the status and the parsed body.</summary>
    public static async Task<(System.Net.HttpStatusCode Status, JsonObject Body)> PostAsync(HttpClient client, string path, string body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>The identity app's issuer DID in these stacks.</summary>
    public static string IssuerDid { get; } = DidKey.From(PrivateJwk.TryRead(StackFixture.IssuerKey, out _)!.PublicKey);
}
