using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MLGov.Contracts.GovernanceTimelock;
using MLGov.Core.Encoding;
using MLGov.DevStack;
using MLGov.EndToEnd.Tests.Identity;
using MLGov.LocalStack;
using MLGov.Operations.Deployment;
using MLGov.Platform.Chain;
using MLGov.Platform.Chain.Contracts;
using MLGov.Testing;
using MLGov.Trust.Keys;
using Nethereum.Contracts;

namespace MLGov.EndToEnd.Tests.Voting;

/// <summary>
/// Proposals carried to the chain on the stack <c>mlgov up</c> starts (its own anvil, so the tests move its clock): the result
/// posted to the GovernanceFinalizer with the proposer bond, finalized after the challenge window, its call run through the
/// GovernanceTimelock, and receipts that <c>verifyVote</c> accepts; and a disputed result decided by the space's dispute vote.
/// </summary>
public sealed class VotingChainTests : IClassFixture<VotingChainTests.ChainEnvironment>
{
    private const string Member = "CommunityMemberCredential";
    private readonly ChainEnvironment _stack;

    public VotingChainTests(ChainEnvironment stack)
    {
        _stack = stack;
    }

    /// <summary>One local stack for the class, the voting app on a shifted clock and closing without grace.</summary>
    public sealed class ChainEnvironment : IAsyncLifetime
    {
        public ShiftedClock Clock { get; } = new();

        public LocalEnvironment Environment { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Environment = await LocalEnvironment.StartAsync(
                0,
                NullLoggerFactory.Instance,
                null,
                spanFile: null,
                StackFixture.AppsWith("voting", services => services.AddSingleton<TimeProvider>(Clock)),
                new Dictionary<string, string?> { ["Voting:CloseGrace"] = "00:00:00", ["Chain:Intents:PollInterval"] = "00:00:00.200" },
                CancellationToken.None);
        }

        public async Task DisposeAsync() => await Environment.DisposeAsync();
    }

    private LocalEnvironment Env => _stack.Environment;

    private DateTimeOffset Now => _stack.Clock.GetUtcNow();

    private string Finalizer => Env.Deployment.Contracts[ContractNames.GovernanceFinalizer];

    private string Timelock => Env.Deployment.Contracts[ContractNames.GovernanceTimelock];

    private HttpClient Client() => StackFixture.ClientFor(Env.Host, Env.Keys.Host["default"]);

    private ChainClient Chain(string key) =>
        new(Options.Create(new ChainOptions { RpcUrl = Env.Dependencies.Anvil.RpcUrl, ChainId = Env.Dependencies.Anvil.ChainId, OperatorKey = key }), NullLogger<ChainClient>.Instance);

    private static async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(HttpClient client, string path, string body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private async Task<string> SpaceAsync(HttpClient client, Holder admin)
    {
        var id = "space-" + Guid.NewGuid().ToString("N")[..10];
        var body = new JsonObject
        {
            ["id"] = id,
            ["name"] = "Model governance",
            ["admins"] = new JsonArray(admin.Did),
            ["proposers"] = new JsonObject { ["credentialType"] = Member, ["issuers"] = new JsonArray(Env.IssuerDid) },
            ["defaults"] = new JsonObject
            {
                ["type"] = "basic",
                ["votingPeriodSeconds"] = 3600,
                ["eligibility"] = new JsonObject { ["credentialType"] = Member, ["issuers"] = new JsonArray(Env.IssuerDid) },
            },
            ["strategies"] = new JsonArray(new JsonObject { ["kind"] = "credential" }),
            ["chainId"] = Env.Dependencies.Anvil.ChainId,
            ["finalizer"] = Finalizer,
            ["token"] = null,
            ["keyholders"] = new JsonArray(),
        }.ToJsonString();
        var (status, created) = await PostAsync(client, "api/voting/spaces", body, ("Body-Signature", VotingKit.SignBody(admin, body, at: Now)));
        Assert.True(status == HttpStatusCode.Created, created.ToJsonString());
        return id;
    }

    private async Task<string> ProposalAsync(HttpClient client, string space, Holder admin, JsonObject? execution = null)
    {
        var body = new JsonObject
        {
            ["space"] = space,
            ["title"] = "Lengthen the timelock delay",
            ["snapshot"] = 0,
            ["start"] = Now.AddSeconds(-1).ToString("O"),
            ["end"] = Now.AddMinutes(30).ToString("O"),
            ["execution"] = execution,
        }.ToJsonString();
        var (status, created) = await PostAsync(client, $"api/voting/spaces/{space}/proposals", body, ("Body-Signature", VotingKit.SignBody(admin, body, at: Now)));
        Assert.True(status == HttpStatusCode.Created, created.ToJsonString());
        return created["id"]!.GetValue<string>();
    }

    private async Task VoteAsync(HttpClient client, string proposal, Wallet wallet, string choice)
    {
        var credential = await VotingKit.IssueAsync(client, wallet.Holder.Did, Member);
        using var served = await client.GetAsync(new Uri($"api/voting/proposals/{proposal}/typed-data?voter={wallet.Address}&choice={choice}", UriKind.Relative));
        var typedData = await served.Content.ReadAsStringAsync();
        Assert.True(served.IsSuccessStatusCode, typedData);
        var body = new JsonObject { ["typedData"] = JsonNode.Parse(typedData), ["signature"] = wallet.SignTypedData(typedData) }.ToJsonString();
        var (status, vote) = await PostAsync(client, $"api/voting/proposals/{proposal}/votes", body, ("Authorization", await VotingKit.PresentAsync(client, Now, wallet.Holder, credential)));
        Assert.True(status == HttpStatusCode.Created, vote.ToJsonString());
    }

    private async Task RunTimerAsync(string function)
    {
        using var admin = StackFixture.ClientFor(Env.Host, key: null);
        using var run = await admin.PostAsync(new Uri($"admin/functions/{function}?code={Env.Keys.Master}", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
    }

    /// <summary>Runs the chain follower until the proposal reaches <paramref name="state"/>.</summary>
    private async Task<JsonObject> UntilAsync(HttpClient client, string proposal, string state, string timer = "VotingFollowChain")
    {
        JsonObject? last = null;
        await Eventually.TrueAsync(
            async () =>
            {
                await RunTimerAsync(timer);
                await Task.Delay(300);
                last = await client.GetFromJsonAsync<JsonObject>(new Uri("api/voting/proposals/" + proposal, UriKind.Relative));
                return last!["state"]!.GetValue<string>() == state;
            },
            $"proposal {proposal} to become {state}",
            TimeSpan.FromSeconds(60));
        return last!;
    }

    private async Task WarpAsync(long seconds)
    {
        using var anvil = new AnvilControl(Env.Dependencies.Anvil.RpcUrl);
        await anvil.IncreaseTimeAsync(seconds);
        await anvil.MineAsync();
    }

    [Fact]
    public async Task A_passed_proposal_is_posted_with_its_bond_finalized_its_call_executed_through_the_timelock_and_receipts_verify_on_chain()
    {
        using var client = Client();
        var admin = Holder.New(KeyType.Ed25519);
        var space = await SpaceAsync(client, admin);
        var calldata = Hex.Encode(new UpdateDelayFunction { NewDelay = 90 }.GetCallData());
        var proposal = await ProposalAsync(client, space, admin, new JsonObject { ["target"] = Timelock, ["calldata"] = calldata });
        var wallets = Enumerable.Range(0, 3).Select(_ => Wallet.New()).ToList();
        await VoteAsync(client, proposal, wallets[0], "1");
        await VoteAsync(client, proposal, wallets[1], "1");
        await VoteAsync(client, proposal, wallets[2], "2");

        using var reader = Chain(AnvilServer.OperatorKey);
        var finalizer = new GovernanceFinalizerService(reader, Finalizer);
        var token = new Erc20Service(reader, Env.Deployment.Contracts[ContractNames.TestToken]);

        _stack.Clock.Shift(TimeSpan.FromMinutes(31));
        await RunTimerAsync("VotingCloseProposals");
        var posted = await UntilAsync(client, proposal, "finalizing");
        Assert.Equal("passed", posted["result"]!["outcome"]!.GetValue<string>());
        Assert.StartsWith("0x", posted["transactions"]!["post"]!.GetValue<string>(), StringComparison.Ordinal);
        var onChain = await finalizer.GetResultQueryAsync(Hex.Decode(proposal), CancellationToken.None);
        Assert.Equal(posted["resultHash"]!.GetValue<string>(), Hex.Encode(onChain.ResultHash));
        Assert.Equal(posted["votesRoot"]!.GetValue<string>(), Hex.Encode(onChain.VotesRoot));
        Assert.Equal(Timelock, onChain.Target, ignoreCase: true);
        var bonds = await finalizer.GetResultBondsQueryAsync(Hex.Decode(proposal), CancellationToken.None);
        var fundsWhilePosted = await token.BalanceOfQueryAsync(bonds.Proposer, CancellationToken.None);

        // The receipt does not verify before the result is final.
        var receipt = (await client.GetFromJsonAsync<JsonObject>(new Uri($"api/voting/proposals/{proposal}/receipts/{wallets[0].Address}", UriKind.Relative)))!;
        var proof = receipt["proof"]!.AsArray().Select(p => Hex.Decode(p!.GetValue<string>())).ToList();
        var choiceHash = Hex.Decode(receipt["choiceHash"]!.GetValue<string>());
        Assert.False(await finalizer.VerifyVoteQueryAsync(Hex.Decode(proposal), wallets[0].Address, choiceHash, BigInteger.One, proof, CancellationToken.None));

        await WarpAsync((long)ContractDeployer.LocalChallengeWindow + 1);
        var finalized = await UntilAsync(client, proposal, "finalized");
        Assert.StartsWith("0x", finalized["transactions"]!["finalize"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(fundsWhilePosted + ContractDeployer.LocalProposalBond, await token.BalanceOfQueryAsync(bonds.Proposer, CancellationToken.None)); // the bond came back
        Assert.True(await finalizer.VerifyVoteQueryAsync(Hex.Decode(proposal), wallets[0].Address, choiceHash, BigInteger.One, proof, CancellationToken.None));
        Assert.False(await finalizer.VerifyVoteQueryAsync(Hex.Decode(proposal), wallets[0].Address, choiceHash, 2, proof, CancellationToken.None));
        Assert.False(await finalizer.VerifyVoteQueryAsync(Hex.Decode(proposal), wallets[2].Address, choiceHash, BigInteger.One, proof, CancellationToken.None));

        await WarpAsync((long)ContractDeployer.LocalTimelockDelay + 1);
        var executed = await UntilAsync(client, proposal, "executed");
        Assert.StartsWith("0x", executed["transactions"]!["execute"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(90, await reader.QueryValueAsync<GetMinDelayFunction, BigInteger>(Timelock, new GetMinDelayFunction(), CancellationToken.None));
    }

    [Fact]
    public async Task A_disputed_result_is_decided_by_the_spaces_dispute_vote_and_the_challenger_wins_the_bonds()
    {
        using var client = Client();
        var admin = Holder.New(KeyType.Ed25519);
        var space = await SpaceAsync(client, admin);
        var proposal = await ProposalAsync(client, space, admin);
        var wallets = Enumerable.Range(0, 3).Select(_ => Wallet.New()).ToList();
        await VoteAsync(client, proposal, wallets[0], "1");
        await VoteAsync(client, proposal, wallets[1], "1");
        _stack.Clock.Shift(TimeSpan.FromMinutes(31));
        await RunTimerAsync("VotingCloseProposals");
        await UntilAsync(client, proposal, "finalizing");

        // A challenger disputes the posted result on chain, with the dispute bond.
        var challengerKey = Nethereum.Signer.EthECKey.GenerateKey();
        using (var anvil = new AnvilControl(Env.Dependencies.Anvil.RpcUrl))
        {
            await anvil.SetBalanceAsync(challengerKey.GetPublicAddress(), BigInteger.Pow(10, 20));
        }

        using var operatorChain = Chain(AnvilServer.OperatorKey);
        var tokenAddress = Env.Deployment.Contracts[ContractNames.TestToken];
        await operatorChain.SendAsync(tokenAddress, new MLGov.Contracts.TestToken.MintFunction { To = challengerKey.GetPublicAddress(), Amount = ContractDeployer.LocalDisputeBond }, CancellationToken.None);
        using var challengerChain = Chain(challengerKey.GetPrivateKey());
        await new Erc20Service(challengerChain, tokenAddress).ApproveRequestAndWaitForReceiptAsync(Finalizer, ContractDeployer.LocalDisputeBond, CancellationToken.None);
        var dispute = await new GovernanceFinalizerService(challengerChain, Finalizer).DisputeRequestAndWaitForReceiptAsync(Hex.Decode(proposal), "the tally counted revoked credentials", CancellationToken.None);

        var disputed = await UntilAsync(client, proposal, "disputed");
        Assert.Equal(dispute.TransactionHash, disputed["transactions"]!["dispute"]!.GetValue<string>(), ignoreCase: true);
        var disputeVote = disputed["disputeProposalId"]!.GetValue<string>();
        var vote = (await client.GetFromJsonAsync<JsonObject>(new Uri("api/voting/proposals/" + disputeVote, UriKind.Relative)))!;
        Assert.Equal(proposal, vote["disputedProposalId"]!.GetValue<string>());
        Assert.Equal("active", vote["state"]!.GetValue<string>());
        Assert.Contains("the tally counted revoked credentials", vote["terms"]!["body"]!.GetValue<string>(), StringComparison.Ordinal);

        // The space decides the posted result was wrong: the dispute vote's result schedules resolveDispute(A, false) through the timelock.
        foreach (var wallet in wallets)
        {
            await VoteAsync(client, disputeVote, wallet, "2");
        }

        _stack.Clock.Shift(TimeSpan.FromMinutes(61));
        await RunTimerAsync("VotingCloseProposals");
        var posted = await UntilAsync(client, disputeVote, "finalizing");
        Assert.Equal("rejected", posted["result"]!["outcome"]!.GetValue<string>());
        await WarpAsync((long)ContractDeployer.LocalChallengeWindow + 1);
        await UntilAsync(client, disputeVote, "finalized");
        var delay = await operatorChain.QueryValueAsync<GetMinDelayFunction, BigInteger>(Timelock, new GetMinDelayFunction(), CancellationToken.None);
        await WarpAsync((long)delay + 1);
        await UntilAsync(client, disputeVote, "executed");

        var rejected = await UntilAsync(client, proposal, "rejected");
        Assert.Equal(disputeVote, rejected["disputeProposalId"]!.GetValue<string>());
        var onChain = await new GovernanceFinalizerService(operatorChain, Finalizer).GetResultQueryAsync(Hex.Decode(proposal), CancellationToken.None);
        Assert.Equal((byte)MLGov.Contracts.GovernanceFinalizer.ResultStatus.Rejected, onChain.Status);
        Assert.Equal(
            new BigInteger(ContractDeployer.LocalProposalBond + ContractDeployer.LocalDisputeBond),
            await new Erc20Service(operatorChain, tokenAddress).BalanceOfQueryAsync(challengerKey.GetPublicAddress(), CancellationToken.None));
    }
}
