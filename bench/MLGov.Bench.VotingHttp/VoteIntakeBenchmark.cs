using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using MLGov.Core.Encoding;
using MLGov.Core.Json;
using MLGov.DevStack;
using MLGov.LocalHost;
using MLGov.LocalStack;
using MLGov.Trust.Credentials;
using MLGov.Trust.Dids;
using MLGov.Trust.Ethereum;
using MLGov.Trust.Jose;
using MLGov.Trust.Keys;
using MLGov.Trust.Presentations;
using MLGov.Voting.Domain.Signing;

namespace MLGov.Bench.VotingHttp;

/// <summary>
/// Starts Azurite, anvil, the Service Bus emulator and the five apps on the local host (as the end-to-end tests do),
/// creates a space whose proposals need a member credential (the <c>credential</c> weight strategy, the only one the
/// service computes today) and an open basic proposal, and measures what real voters do: each of N wallets holds a
/// member credential issued by the identity app and posts one EIP-712 vote, signed over the typed data the service
/// serves (<see cref="VoteTypedData.ToJson"/>, so nothing is fetched per vote), with a presentation of the credential
/// answering a fresh challenge (<c>POST /api/voting/challenges</c>). Credentials, challenges, signatures and
/// presentations are all made before the timed phase; then C clients post the N votes and each request's latency is
/// recorded. Prints accepted votes per second, p50/p99/max latency and the count of answers other than 201 (which must be
/// 0), and checks that the export holds every vote.
/// </summary>
public static class VoteIntakeBenchmark
{
    private const string Member = "CommunityMemberCredential";
    private const string Audience = "urn:mlgov:voting";

    // The finalizer address the votes' EIP-712 domain names; nothing is posted on chain in this benchmark.
    private const string Finalizer = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

    // Challenges are fetched for every vote before the timed phase; the default lifetime (5 minutes) could run out
    // between the first challenge and the last vote of a large run, so the benchmark's stack allows 30.
    private static readonly TimeSpan NonceLifetime = TimeSpan.FromMinutes(30);

    private static int _issueRetries;

    public static async Task<int> RunAsync(int votes, IReadOnlyList<int> concurrencies, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(concurrencies);
        ArgumentNullException.ThrowIfNull(output);
        var issuerKey = SigningKey.Generate(KeyType.Ed25519);
        var issuerDid = DidKey.From(issuerKey.PublicKey);
        output.WriteLine("Starting Azurite, anvil, the Service Bus emulator and the five apps");
        await using var dependencies = await LocalDependencies.StartAsync();
        var keys = new FunctionKeys { Master = Guid.NewGuid().ToString("N") };
        keys.Host["default"] = Guid.NewGuid().ToString("N");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(dependencies.Configuration)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Tables:TablePrefix"] = "b" + Guid.NewGuid().ToString("N")[..12],
                ["Identity:IssuerKey"] = PrivateJwk.Write(issuerKey),
                ["Identity:Resolver:AllowLoopbackHttp"] = "true",
                ["Identity:Presentations:NonceLifetime"] = NonceLifetime.ToString("c", CultureInfo.InvariantCulture),
            })
            .Build();
        await using var host = await LocalFunctionsHost.StartAsync(
            FunctionApps.All, configuration, new LocalHostOptions { Port = 0, Keys = keys, EnableTimers = false }, NullLoggerFactory.Instance, CancellationToken.None);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = host.BaseAddress,
            Timeout = TimeSpan.FromMinutes(2),
        };
        http.DefaultRequestHeaders.Add("x-functions-key", keys.Host["default"]);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        var admin = Voter.New(KeyType.Ed25519);
        var space = await CreateSpaceAsync(http, admin, issuerDid);
        var warmUp = Math.Clamp(votes / 20, 10, 100);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Issuing member credentials to {votes + warmUp} wallets"));
        var watch = Stopwatch.StartNew();
        var voters = Enumerable.Range(0, votes + warmUp).Select(_ => Voter.New(KeyType.Secp256k1)).ToArray();
        var credentials = new string[voters.Length];
        await ForEachAsync(voters.Length, 4, async i => credentials[i] = await IssueAsync(http, voters[i].Did));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {watch.Elapsed.TotalSeconds:F1} s, {_issueRetries} issues retried after 412 (concurrent status list slot allocation)"));

        var failed = 0;
        foreach (var concurrency in concurrencies)
        {
            var proposal = await CreateProposalAsync(http, space, admin);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Proposal {proposal}: fetching {voters.Length} challenges, signing {voters.Length} votes and presentations"));
            watch.Restart();
            var challenges = new (string Audience, string Nonce)[voters.Length];
            await ForEachAsync(voters.Length, 16, async i => challenges[i] = await ChallengeAsync(http));
            var now = DateTimeOffset.UtcNow;
            var prepared = new PreparedVote[voters.Length];
            Parallel.For(0, voters.Length, i => prepared[i] = Prepare(proposal, voters[i], credentials[i], challenges[i], now));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {watch.Elapsed.TotalSeconds:F1} s"));

            var warm = await PostAllAsync(http, proposal, prepared.AsMemory(0, warmUp), concurrency);
            var timed = await PostAllAsync(http, proposal, prepared.AsMemory(warmUp), concurrency);
            var exported = await CountExportAsync(http, proposal);
            var latencies = timed.Latencies.Order().ToArray();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"votes {votes}, concurrency {concurrency} (after {warmUp} warm-up votes)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  accepted               {timed.Created / timed.Elapsed.TotalSeconds,8:F1} votes/s ({timed.Created} in {timed.Elapsed.TotalSeconds:F2} s)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  latency p50 / p99 / max {Percentile(latencies, 0.50),7:F1} / {Percentile(latencies, 0.99):F1} / {latencies[^1]:F1} ms"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  not 201                {timed.Others.Count + warm.Others.Count,8}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  in the export          {exported,8} of {voters.Length}"));
            foreach (var other in timed.Others.Concat(warm.Others).Take(3))
            {
                output.WriteLine("  e.g. " + other);
            }

            if (timed.Others.Count + warm.Others.Count > 0 || exported != voters.Length)
            {
                failed++;
            }
        }

        return failed == 0 ? 0 : 1;
    }

    private static async Task<Outcome> PostAllAsync(HttpClient http, string proposal, ReadOnlyMemory<PreparedVote> votes, int concurrency)
    {
        var latencies = new double[votes.Length];
        var others = new ConcurrentQueue<string>();
        var created = 0;
        var next = -1;
        var uri = new Uri($"api/voting/proposals/{proposal}/votes", UriKind.Relative);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < votes.Length)
            {
                var vote = votes.Span[i];
                using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(vote.Body, Encoding.UTF8, "application/json") };
                request.Headers.TryAddWithoutValidation("Authorization", vote.Authorization);
                var started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    Interlocked.Increment(ref created);
                }
                else
                {
                    others.Enqueue($"{(int)response.StatusCode}: {body}");
                }
            }
        }));
        return new Outcome(created, others, latencies, watch.Elapsed);
    }

    private static PreparedVote Prepare(string proposal, Voter voter, string credential, (string Audience, string Nonce) challenge, DateTimeOffset now)
    {
        var typedData = new VoteTypedData(31337, Finalizer).ToJson(new VoteMessage(Hex.Decode(proposal), voter.Address, "1", (ulong)now.ToUnixTimeSeconds()));
        var signature = Hex.Encode(EthereumSignatures.Sign(TypedDataEncoder.Hash(typedData).Digest, voter.Key.PrivateKeyBytes));
        var body = new JsonObject { ["typedData"] = JsonNode.Parse(typedData), ["signature"] = signature }.ToJsonString();
        var presentation = VpJwtIssuer.Issue(voter.Key, voter.Kid, challenge.Audience, challenge.Nonce, [credential], CredentialFormat.VcdmV2Jose, now, TimeSpan.FromMinutes(30));
        return new PreparedVote(body, "VP " + presentation);
    }

    private static async Task<string> CreateSpaceAsync(HttpClient http, Voter admin, string issuerDid)
    {
        var id = "bench-" + Guid.NewGuid().ToString("N")[..10];
        var body = new JsonObject
        {
            ["id"] = id,
            ["name"] = "Benchmark space",
            ["admins"] = new JsonArray(admin.Did),
            ["proposers"] = new JsonObject { ["credentialType"] = Member, ["issuers"] = new JsonArray(issuerDid) },
            ["defaults"] = new JsonObject
            {
                ["type"] = "basic",
                ["votingPeriodSeconds"] = 3600,
                ["votesMayChange"] = false,
                ["eligibility"] = new JsonObject { ["credentialType"] = Member, ["issuers"] = new JsonArray(issuerDid) },
            },
            ["strategies"] = new JsonArray(new JsonObject { ["kind"] = "credential" }),
            ["chainId"] = 31337,
            ["finalizer"] = Finalizer,
            ["token"] = null,
            ["keyholders"] = new JsonArray(),
        }.ToJsonString();
        await PostCreatedAsync(http, "api/voting/spaces", body, SignBody(admin, body));
        return id;
    }

    private static async Task<string> CreateProposalAsync(HttpClient http, string space, Voter admin)
    {
        var now = DateTimeOffset.UtcNow;
        var body = new JsonObject
        {
            ["space"] = space,
            ["title"] = "Benchmark proposal",
            ["body"] = "Votes per second through HTTP.",
            ["snapshot"] = 0,
            ["start"] = now.AddSeconds(-10).ToString("O", CultureInfo.InvariantCulture),
            ["end"] = now.AddHours(1).ToString("O", CultureInfo.InvariantCulture),
        }.ToJsonString();
        var created = await PostCreatedAsync(http, $"api/voting/spaces/{space}/proposals", body, SignBody(admin, body));
        return created["id"]!.GetValue<string>();
    }

    private static async Task<JsonObject> PostCreatedAsync(HttpClient http, string path, string body, string bodySignature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Body-Signature", bodySignature);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.Created
            ? JsonNode.Parse(text)!.AsObject()
            : throw new InvalidOperationException($"POST {path} was answered {(int)response.StatusCode}: {text}");
    }

    /// <summary>A detached JWS over the body's RFC 8785 form with the voting app's audience and the time, as Body-Signature carries it.</summary>
    private static string SignBody(Voter signer, string body)
    {
        var header = new JsonObject
        {
            ["alg"] = JwsAlgorithms.For(signer.Key.Type),
            ["kid"] = signer.Kid,
            ["aud"] = Audience,
            ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        };
        var protectedHeader = Base64Url.Encode(Encoding.UTF8.GetBytes(header.ToJsonString()));
        var payload = Base64Url.Encode(Encoding.UTF8.GetBytes(CanonicalJson.Canonicalize(body)));
        return protectedHeader + ".." + Base64Url.Encode(signer.Key.Sign(Encoding.ASCII.GetBytes(protectedHeader + "." + payload)));
    }

    /// <summary>
    /// A member credential from the identity app. Issuing allocates a slot in one status list row, so concurrent issues
    /// conflict (412, "re-read and retry"); the benchmark retries them as the problem says, and counts the retries.
    /// </summary>
    private static async Task<string> IssueAsync(HttpClient http, string subject)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await http.PostAsJsonAsync(
                new Uri("api/identity/credentials", UriKind.Relative),
                new JsonObject { ["subject"] = subject, ["types"] = new JsonArray(Member), ["claims"] = new JsonObject { ["community"] = "bench" } });
            var text = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                return JsonNode.Parse(text)!["credential"]!.GetValue<string>();
            }

            if (response.StatusCode != HttpStatusCode.PreconditionFailed || attempt == 20)
            {
                throw new InvalidOperationException($"Issuing a credential was answered {(int)response.StatusCode}: {text}");
            }

            Interlocked.Increment(ref _issueRetries);
            await Task.Delay(Random.Shared.Next(5, 50));
        }
    }

    private static async Task<(string Audience, string Nonce)> ChallengeAsync(HttpClient http)
    {
        using var response = await http.PostAsync(new Uri("api/voting/challenges", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
        var challenge = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (challenge["audience"]!.GetValue<string>(), challenge["nonce"]!.GetValue<string>());
    }

    /// <summary>The number of lines in the proposal's whole export, page after page by the Link header.</summary>
    private static async Task<int> CountExportAsync(HttpClient http, string proposal)
    {
        var count = 0;
        var next = new Uri($"api/voting/proposals/{proposal}/votes?limit=1000", UriKind.Relative);
        while (next is not null)
        {
            using var response = await http.GetAsync(next);
            response.EnsureSuccessStatusCode();
            count += (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            var link = response.Headers.TryGetValues("Link", out var values) ? values.Single() : null;
            next = link is null ? null : new Uri(link[1..link.IndexOf('>', StringComparison.Ordinal)].TrimStart('/'), UriKind.Relative);
        }

        return count;
    }

    private static async Task ForEachAsync(int count, int concurrency, Func<int, Task> body)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await body(i);
            }
        }));
    }

    // Nearest rank.
    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>A voter: a key, its did:key and kid, and (secp256k1) its Ethereum address, the same key as wallet and as DID.</summary>
    private sealed record Voter(SigningKey Key, string Did, string Kid, string Address)
    {
        public static Voter New(KeyType type)
        {
            var key = SigningKey.Generate(type);
            var did = DidKey.From(key.PublicKey);
            return new Voter(key, did, did + "#" + DidKey.MultibaseValue(key.PublicKey), type == KeyType.Secp256k1 ? EthereumSignatures.AddressOf(key.PrivateKeyBytes) : string.Empty);
        }
    }

    private sealed record PreparedVote(string Body, string Authorization);

    private sealed record Outcome(int Created, ConcurrentQueue<string> Others, double[] Latencies, TimeSpan Elapsed);
}
