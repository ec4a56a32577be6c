using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using MLGov.Contracts.SoulboundBadge;
using MLGov.LocalStack;
using MLGov.OidcIssuer;
using MLGov.Testing;
using MLGov.Trust.Credentials;
using MLGov.Trust.Dids;
using MLGov.Trust.Http;
using MLGov.Trust.Jose;
using MLGov.Trust.Keys;
using MLGov.Trust.Presentations;
using MLGov.Trust.Status;
using Nethereum.Web3;

namespace MLGov.EndToEnd.Tests.Identity;

/// <summary>
/// Enterprise login bridged to DIDs on the stack <c>mlgov up</c> starts: a token from the local OIDC issuer, a DID's
/// proof, the link, the EnterpriseMemberCredential, a soul-bound badge minted on anvil, presentations of the credential,
/// then unlinking: the credential stops verifying and the badge is revoked on chain. And every way in is refused for
/// bad tokens and bad proofs, changing nothing.
/// </summary>
public sealed class EnterpriseBridgeTests : IClassFixture<EnterpriseBridgeTests.BridgeEnvironment>, IDisposable
{
    private readonly LocalEnvironment _env;
    private readonly HttpClient _http;

    public EnterpriseBridgeTests(BridgeEnvironment stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        _env = stack.Environment;
        _http = new HttpClient { BaseAddress = _env.Host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>One stack as <c>mlgov up</c> starts it, shared by this class's tests (each uses its own account and DIDs).</summary>
    public sealed class BridgeEnvironment : IAsyncLifetime
    {
        public LocalEnvironment Environment { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Environment = await LocalEnvironment.StartAsync(0, NullLoggerFactory.Instance, null, CancellationToken.None);

        public async Task DisposeAsync() => await Environment.DisposeAsync();
    }

    public void Dispose() => _http.Dispose();


    /// <summary>A token from the local issuer's token endpoint, as a user's browser would get one from Entra ID.</summary>
    private async Task<string> TokenAsync(string objectId, string roles, string audience = LocalOidcIssuer.DefaultClientId, string tenant = LocalOidcIssuer.DefaultTenantId)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["oid"] = objectId, ["roles"] = roles, ["audience"] = audience });
        using var response = await _http.PostAsync(_env.Dependencies.OidcIssuer.TokenEndpoint(tenant), form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
    }

    private async Task<(string Nonce, string Audience)> ChallengeAsync()
    {
        using var response = await _http.PostAsync(new Uri("api/identity/challenges", UriKind.Relative), null);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (body["nonce"]!.GetValue<string>(), body["audience"]!.GetValue<string>());
    }

    private static string Proof(Holder signer, string did, string nonce, string audience) =>
        JwsSigner.Sign(signer.Key, Encoding.UTF8.GetBytes(new JsonObject { ["nonce"] = nonce, ["did"] = did, ["aud"] = audience }.ToJsonString()), signer.Kid);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await _http.SendAsync(request);
    }


    private async Task<JsonObject> LinkStateAsync(string token)
    {
        using var response = await SendAsync(HttpMethod.Get, "api/identity/links/me", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<JsonObject> BadgeReachesAsync(string token, string state)
    {
        JsonObject link = null!;
        using var anvil = new AnvilControl(_env.Dependencies.Anvil.RpcUrl);
        try
        {
            await Eventually.TrueAsync(
                async () =>
                {
                    await anvil.MineAsync();
                    link = await LinkStateAsync(token);
                    return link["badge"]!.GetValue<string>() == state;
                },
                $"the badge to be {state}",
                TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            // Say where it stopped: the link as the app sees it, and the identity account's chain transactions.
            using var list = new HttpRequestMessage(HttpMethod.Get, new Uri("api/identity/chain/transactions?limit=20", UriKind.Relative));
            list.Headers.Add("x-functions-key", _env.Keys.Master);
            using var transactions = await _http.SendAsync(list);
            throw new TimeoutException($"The badge did not become {state}. Link: {link?.ToJsonString()} Transactions: {await transactions.Content.ReadAsStringAsync()}");
        }

        return link;
    }

    [Fact]
    public async Task Token_link_credential_badge_presentation_then_unlink_revokes_credential_and_badge()
    {
        var objectId = Guid.NewGuid().ToString("D");
        var token = await TokenAsync(objectId, "Member Auditor");
        var holder = Holder.New(KeyType.Secp256k1);
        var (nonce, audience) = await ChallengeAsync();

        using var linked = await SendAsync(HttpMethod.Post, "api/identity/links", token, new { did = holder.Did, proof = Proof(holder, holder.Did, nonce, audience) });
        var link = (await linked.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(linked.StatusCode == HttpStatusCode.Created, link.ToJsonString());
        Assert.Equal(DidAccounts.EthereumAddressOf(holder.Did), link["badgeHolder"]!.GetValue<string>());

        // The credential: issued by the app's issuer to the DID, with the token's tenant and roles, and it verifies.
        var credential = link["credential"]!.GetValue<string>();
        var verified = await OutsideVerifier.Create().VerifyAsync(credential, new CredentialExpectations(Types: ["EnterpriseMemberCredential"], Subject: holder.Did, TrustedIssuers: [_env.IssuerDid]));
        Assert.True(verified.Verified, verified.FirstError);
        Assert.Equal(LocalOidcIssuer.DefaultTenantId, verified.Credential!["credentialSubject"]!["tenantId"]!.GetValue<string>());
        Assert.Equal(["Auditor", "Member"], verified.Credential["credentialSubject"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()));

        // The badge: minted on anvil to the DID's address, through the identity app's chain intent.
        var minted = await BadgeReachesAsync(token, "minted");
        var tokenId = BigInteger.Parse(minted["badgeTokenId"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var web3 = new Web3(_env.Dependencies.Anvil.RpcUrl.AbsoluteUri);
        var badge = _env.Deployment.Contracts["SoulboundBadge"];
        var owner = await web3.Eth.GetContractQueryHandler<OwnerOfFunction>().QueryAsync<string>(badge, new OwnerOfFunction { TokenId = tokenId });
        Assert.Equal(holder.Did, DidAccountsOwner(owner, holder.Did));

        // The credential opens a function that requires it, presented with a nonce of the app.
        var (vpNonce, vpAudience) = await ChallengeAsync();
        var vp = VpJwtIssuer.Issue(holder.Key, holder.Kid, vpAudience, vpNonce, [credential], CredentialFormat.VcdmV2Jose, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        using (var whoami = new HttpRequestMessage(HttpMethod.Get, new Uri("api/identity/members/me", UriKind.Relative)))
        {
            whoami.Headers.TryAddWithoutValidation("Authorization", "VP " + vp);
            using var response = await _http.SendAsync(whoami);
            var member = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.True(response.StatusCode == HttpStatusCode.OK, member.ToJsonString());
            Assert.Equal(holder.Did, member["did"]!.GetValue<string>());
            Assert.Contains("Auditor", member["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        }

        // The same presentation again (its nonce is spent), none, a broken one, or a bearer token: 401 problems.
        await MembersRefusedAsync("VP " + vp, "replayed presentation");
        await MembersRefusedAsync(null, "no presentation");
        await MembersRefusedAsync("VP not-a-jwt", "broken presentation");
        await MembersRefusedAsync("Bearer " + token, "a bearer token instead of a presentation");

        // Unlink: the credential is revoked, and the badge revoked on chain.
        using var unlinked = await SendAsync(HttpMethod.Delete, "api/identity/links/" + Uri.EscapeDataString(holder.Did), token);
        Assert.Equal(HttpStatusCode.OK, unlinked.StatusCode);
        var after = await OutsideVerifier.Create().VerifyAsync(credential);
        Assert.Equal(CredentialErrors.Revoked, after.FirstError);
        await BadgeReachesAsync(token, "revoked");
        var balance = await web3.Eth.GetContractQueryHandler<BalanceOfFunction>().QueryAsync<BigInteger>(badge, new BalanceOfFunction { Owner = DidAccounts.EthereumAddressOf(holder.Did)! });
        Assert.Equal(BigInteger.Zero, balance);
    }

    private async Task MembersRefusedAsync(string? authorization, string what)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/identity/members/me", UriKind.Relative));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await _http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{what}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static string DidAccountsOwner(string owner, string did) =>
        string.Equals(owner, DidAccounts.EthereumAddressOf(did), StringComparison.OrdinalIgnoreCase) ? did : owner;

    [Fact]
    public async Task Relinking_to_another_DID_revokes_the_first_credential_and_an_Ed25519_DID_gets_no_badge()
    {
        var token = await TokenAsync(Guid.NewGuid().ToString("D"), "Member");
        var first = Holder.New(KeyType.Ed25519);
        var second = Holder.New(KeyType.P256);

        var (n1, aud) = await ChallengeAsync();
        using var one = await SendAsync(HttpMethod.Post, "api/identity/links", token, new { did = first.Did, proof = Proof(first, first.Did, n1, aud) });
        var firstLink = (await one.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(HttpStatusCode.Created, one.StatusCode);
        Assert.Equal("none", firstLink["badge"]!.GetValue<string>());

        var (n2, _) = await ChallengeAsync();
        using var two = await SendAsync(HttpMethod.Post, "api/identity/links", token, new { did = second.Did, proof = Proof(second, second.Did, n2, aud) });
        Assert.Equal(HttpStatusCode.Created, two.StatusCode);

        Assert.Equal(CredentialErrors.Revoked, (await OutsideVerifier.Create().VerifyAsync(firstLink["credential"]!.GetValue<string>())).FirstError);
        Assert.Equal(second.Did, (await LinkStateAsync(token))["did"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_tokens_and_bad_proofs_are_refused_and_link_nothing()
    {
        var objectId = Guid.NewGuid().ToString("D");
        var token = await TokenAsync(objectId, "Member");
        var holder = Holder.New(KeyType.Secp256k1);
        var other = Holder.New(KeyType.Secp256k1);
        var (nonce, audience) = await ChallengeAsync();

        async Task RefusedAsync(string? bearer, object body, HttpStatusCode expected, string what)
        {
            using var response = await SendAsync(HttpMethod.Post, "api/identity/links", bearer, body);
            Assert.True(expected == response.StatusCode, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        var good = new { did = holder.Did, proof = Proof(holder, holder.Did, nonce, audience) };
        await RefusedAsync(null, good, HttpStatusCode.Unauthorized, "no token");
        await RefusedAsync(await TokenAsync(objectId, "Member", audience: Guid.NewGuid().ToString("D")), good, HttpStatusCode.Unauthorized, "token for another audience");
        await RefusedAsync(await TokenAsync(objectId, "Member", tenant: Guid.NewGuid().ToString("D")), good, HttpStatusCode.Unauthorized, "token of a tenant outside the allow-list");
        await RefusedAsync(token, new { did = holder.Did, proof = Proof(other, holder.Did, nonce, audience) }, HttpStatusCode.Unauthorized, "proof signed by another DID's key");
        await RefusedAsync(token, new { did = holder.Did, proof = Proof(holder, holder.Did, nonce, "urn:mlgov:voting") }, HttpStatusCode.Unauthorized, "proof for another audience");
        await RefusedAsync(token, new { did = holder.Did, proof = Proof(holder, other.Did, nonce, audience) }, HttpStatusCode.Unauthorized, "proof naming another DID");
        await RefusedAsync(token, new { did = holder.Did, proof = Proof(holder, holder.Did, "bm90LWlzc3VlZC1oZXJlLW5vdC1pc3N1ZWQtaGVyZS0x", audience) }, HttpStatusCode.Unauthorized, "nonce not issued here");
        await RefusedAsync(token, new { did = holder.Did, proof = "eyJhbGciOiJub25lIn0.e30." }, HttpStatusCode.Unauthorized, "alg none");
        await RefusedAsync(token, new { did = holder.Did, proof = "not a jws" }, HttpStatusCode.Unauthorized, "broken proof");
        await RefusedAsync(token, new { did = "did:example", proof = good.proof }, HttpStatusCode.BadRequest, "malformed DID");
        await RefusedAsync(token, new { did = holder.Did }, HttpStatusCode.BadRequest, "missing proof");

        using (var none = await SendAsync(HttpMethod.Get, "api/identity/links/me", token))
        {
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        }

        // The nonce survived every refusal above (none got past the proof's signature), so the genuine request links,
        // and replaying it is refused.
        using var accepted = await SendAsync(HttpMethod.Post, "api/identity/links", token, good);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        var (fresh, _) = await ChallengeAsync();
        await RefusedAsync(token, good, HttpStatusCode.Unauthorized, "replayed proof");
        Assert.NotEqual(fresh, nonce);
        using var unlinkOther = await SendAsync(HttpMethod.Delete, "api/identity/links/" + Uri.EscapeDataString(other.Did), token);
        Assert.Equal(HttpStatusCode.NotFound, unlinkOther.StatusCode);
    }
}
