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

    private async Task<string> SpaceAsync(HttpClient client, Holder admin, JsonArray? strategies = null, bool eligibility = true, JsonArray? keyholders = null)
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
                ["eligibility"] = eligibility ? new JsonObject { ["credentialType"] = Member, ["issuers"] = new JsonArray(Env.IssuerDid) } : null,
            },
            ["strategies"] = strategies ?? new JsonArray(new JsonObject { ["kind"] = "credential" }),
            ["chainId"] = Env.Dependencies.Anvil.ChainId,
            ["finalizer"] = Finalizer,
            ["token"] = null,
            ["keyholders"] = keyholders ?? new JsonArray(),
        }.ToJsonString();
        var (status, created) = await VotingKit.PostAsync(client, "api/voting/spaces", body, ("Body-Signature", VotingKit.SignBody(admin, body, at: Now)));
        Assert.True(status == HttpStatusCode.Created, created.ToJsonString());
        return id;
    }

    private async Task<string> ProposalAsync(HttpClient client, string space, Holder admin, JsonObject? execution = null, long snapshot = 0, int? shieldedThreshold = null)
    {
        var body = new JsonObject
        {
            ["space"] = space,
            ["title"] = "Lengthen the timelock delay",
            ["snapshot"] = snapshot,
            ["shieldedThreshold"] = shieldedThreshold,
            ["start"] = Now.AddSeconds(-1).ToString("O"),
            ["end"] = Now.AddMinutes(30).ToString("O"),
            ["execution"] = execution,
        }.ToJsonString();
        var (status, created) = await VotingKit.PostAsync(client, $"api/voting/spaces/{space}/proposals", body, ("Body-Signature", VotingKit.SignBody(admin, body, at: Now)));
        Assert.True(status == HttpStatusCode.Created, created.ToJsonString());
        return created["id"]!.GetValue<string>();
    }

    private async Task VoteAsync(HttpClient client, string proposal, Wallet wallet, string choice, bool present = true, HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var served = await client.GetAsync(new Uri($"api/voting/proposals/{proposal}/typed-data?voter={wallet.Address}&choice={Uri.EscapeDataString(choice)}", UriKind.Relative));
        var typedData = await served.Content.ReadAsStringAsync();
        Assert.True(served.IsSuccessStatusCode, typedData);
        var body = new JsonObject { ["typedData"] = JsonNode.Parse(typedData), ["signature"] = wallet.SignTypedData(typedData) }.ToJsonString();
        (string, string)[] headers = present
            ? [("Authorization", await VotingKit.PresentAsync(client, Now, wallet.Holder, await VotingKit.IssueAsync(client, wallet.Holder.Did, Member)))]
            : [];
        var (status, vote) = await VotingKit.PostAsync(client, $"api/voting/proposals/{proposal}/votes", body, headers);
        Assert.True(status == expected, vote.ToJsonString());
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

    /// <summary>The proposal bonds a transaction moved in the TestToken: (from, to) of each transfer of exactly the bond.</summary>
    private async Task<List<(string, string)>> BondTransfersAsync(ChainClient chain, string transaction)
    {
        var receipt = await chain.GetReceiptAsync(transaction, CancellationToken.None);
        Assert.NotNull(receipt);
        return [.. new ContractReceipt(receipt!).Events<MLGov.Contracts.TestToken.TransferEvent>(Env.Deployment.Contracts[ContractNames.TestToken])
            .Where(e => e.Value == ContractDeployer.LocalProposalBond)
            .Select(e => (EvmAddressText(e.From), EvmAddressText(e.To)))];
    }

    private static string EvmAddressText(string address) => MLGov.Core.Identifiers.EvmAddress.ToChecksum(address);

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
        Assert.Equal([(EvmAddressText(bonds.Proposer), EvmAddressText(Finalizer))], await BondTransfersAsync(reader, posted["transactions"]!["post"]!.GetValue<string>()));

        // The receipt does not verify before the result is final.
        var receipt = (await client.GetFromJsonAsync<JsonObject>(new Uri($"api/voting/proposals/{proposal}/receipts/{wallets[0].Address}", UriKind.Relative)))!;
        var proof = receipt["proof"]!.AsArray().Select(p => Hex.Decode(p!.GetValue<string>())).ToList();
        var choiceHash = Hex.Decode(receipt["choiceHash"]!.GetValue<string>());
        Assert.False(await finalizer.VerifyVoteQueryAsync(Hex.Decode(proposal), wallets[0].Address, choiceHash, BigInteger.One, proof, CancellationToken.None));

        await WarpAsync((long)ContractDeployer.LocalChallengeWindow + 1);
        var finalized = await UntilAsync(client, proposal, "finalized");
        Assert.StartsWith("0x", finalized["transactions"]!["finalize"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal([(EvmAddressText(Finalizer), EvmAddressText(bonds.Proposer))], await BondTransfersAsync(reader, finalized["transactions"]!["finalize"]!.GetValue<string>())); // the bond came back
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

    [Fact]
    public async Task Token_weights_are_read_at_the_snapshot_block_so_tokens_moved_afterwards_do_not_count()
    {
        using var client = Client();
        using var operatorChain = Chain(AnvilServer.OperatorKey);
        var tokenAddress = Env.Deployment.Contracts[ContractNames.TestToken];
        var alice = Wallet.New();
        var bob = Wallet.New();
        var carol = Wallet.New();
        var dave = Wallet.New();
        await operatorChain.SendAsync(tokenAddress, new MLGov.Contracts.TestToken.MintFunction { To = dave.Address, Amount = 30 }, CancellationToken.None);
        await operatorChain.SendAsync(tokenAddress, new MLGov.Contracts.TestToken.MintFunction { To = alice.Address, Amount = 100 }, CancellationToken.None);
        await operatorChain.SendAsync(tokenAddress, new MLGov.Contracts.TestToken.MintFunction { To = bob.Address, Amount = 50 }, CancellationToken.None);
        var snapshot = (long)await operatorChain.GetBlockNumberAsync(CancellationToken.None);

        // After the snapshot Alice moves most of her tokens to Carol.
        using (var anvil = new AnvilControl(Env.Dependencies.Anvil.RpcUrl))
        {
            await anvil.SetBalanceAsync(alice.Address, BigInteger.Pow(10, 20));
        }

        using var aliceChain = Chain(Hex.Encode(alice.Holder.Key.PrivateKeyBytes));
        await new Erc20Service(aliceChain, tokenAddress).TransferRequestAndWaitForReceiptAsync(carol.Address, 60, CancellationToken.None);

        var admin = Holder.New(KeyType.Ed25519);
        var space = await SpaceAsync(client, admin, new JsonArray(new JsonObject { ["kind"] = "erc20-balance", ["token"] = tokenAddress }), eligibility: false);
        var proposal = await ProposalAsync(client, space, admin, snapshot: snapshot);

        // Dave, who will not vote, delegates to Bob with a wallet signature; Bob delegating back to Dave would close a loop.
        async Task<(HttpStatusCode, JsonObject)> DelegateAsync(Wallet from, Wallet to)
        {
            var typedData = await client.GetStringAsync(new Uri($"api/voting/spaces/{space}/delegations/typed-data?delegator={from.Address}&delegate={to.Address}", UriKind.Relative));
            var body = new JsonObject { ["typedData"] = JsonNode.Parse(typedData), ["signature"] = from.SignTypedData(typedData) }.ToJsonString();
            return await VotingKit.PostAsync(client, $"api/voting/spaces/{space}/delegations", body);
        }

        var (delegated, delegation) = await DelegateAsync(dave, bob);
        Assert.True(delegated == HttpStatusCode.OK, delegation.ToJsonString());
        var (loop, loopProblem) = await DelegateAsync(bob, dave);
        Assert.True(loop == HttpStatusCode.Conflict, loopProblem.ToJsonString());
        var standing = await client.GetFromJsonAsync<JsonArray>(new Uri($"api/voting/spaces/{space}/delegations", UriKind.Relative));
        Assert.Equal(dave.Address, Assert.Single(standing!)!["delegator"]!.GetValue<string>());

        await VoteAsync(client, proposal, alice, "1", present: false);
        await VoteAsync(client, proposal, bob, "2", present: false);

        // A quorum of 1 basis point of the token's total supply at the snapshot (the voting account alone holds 10^12 units).
        var quorumBody = new JsonObject
        {
            ["space"] = space,
            ["title"] = "Needs a quorum",
            ["snapshot"] = snapshot,
            ["start"] = Now.AddSeconds(-1).ToString("O"),
            ["end"] = Now.AddMinutes(30).ToString("O"),
            ["quorum"] = new JsonObject { ["kind"] = "basis-points", ["value"] = "1" },
        }.ToJsonString();
        var (quorumStatus, quorumProposal) = await VotingKit.PostAsync(client, $"api/voting/spaces/{space}/proposals", quorumBody, ("Body-Signature", VotingKit.SignBody(admin, quorumBody, at: Now)));
        Assert.True(quorumStatus == HttpStatusCode.Created, quorumProposal.ToJsonString());
        await VoteAsync(client, quorumProposal["id"]!.GetValue<string>(), alice, "1", present: false);
        await VoteAsync(client, proposal, carol, "2", present: false, expected: HttpStatusCode.Forbidden); // no tokens at the snapshot

        var export = (await client.GetStringAsync(new Uri($"api/voting/proposals/{proposal}/votes", UriKind.Relative))).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["100", "50"], export.Select(l => JsonNode.Parse(l)!).OrderBy(l => l["choice"]!.GetValue<string>()).Select(l => l["weight"]!.GetValue<string>()));
        _stack.Clock.Shift(TimeSpan.FromMinutes(31));
        await RunTimerAsync("VotingCloseProposals");
        var closed = await UntilAsync(client, proposal, "finalizing");
        var quorumClosed = await UntilAsync(client, quorumProposal["id"]!.GetValue<string>(), "finalizing");
        Assert.Equal("quorum-not-met", quorumClosed["result"]!["outcome"]!.GetValue<string>());
        Assert.False(quorumClosed["result"]!["quorumMet"]!.GetValue<bool>());
        Assert.Equal(["100", "80", "0"], closed["result"]!["totals"]!.AsArray().Select(t => t!.GetValue<string>())); // Bob's 50 and Dave's 30
        var bobLine = (await client.GetStringAsync(new Uri($"api/voting/proposals/{proposal}/votes", UriKind.Relative))).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonNode.Parse(l)!).Single(l => l["voter"]!.GetValue<string>() == bob.Address);
        Assert.Equal("30", bobLine["delegated"]!.GetValue<string>());
        var receipt = (await client.GetFromJsonAsync<JsonObject>(new Uri($"api/voting/proposals/{proposal}/receipts/{bob.Address}", UriKind.Relative)))!;
        Assert.Equal("80", receipt["weight"]!.GetValue<string>());

        // The offline audit of the export counts the delegated weight too, and gets the service's hash and root.
        var directory = Directory.CreateTempSubdirectory("mlgov-audit-");
        try
        {
            var proposalFile = Path.Combine(directory.FullName, "proposal.json");
            var votesFile = Path.Combine(directory.FullName, "votes.jsonl");
            await File.WriteAllTextAsync(proposalFile, await client.GetStringAsync(new Uri("api/voting/proposals/" + proposal, UriKind.Relative)));
            await File.WriteAllTextAsync(votesFile, await client.GetStringAsync(new Uri($"api/voting/proposals/{proposal}/votes", UriKind.Relative)));
            using var output = new StringWriter();
            using var error = new StringWriter();
            var root = new System.CommandLine.RootCommand("mlgov");
            foreach (var command in MLGov.Operations.Voting.VotingCommands.Create(output, error))
            {
                root.Subcommands.Add(command);
            }

            var code = await root.Parse(["tally", "--proposal", proposalFile, "--votes", votesFile]).InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
            Assert.True(code == MLGov.Operations.Voting.VotingCommands.Ok, output.ToString() + error);
            var report = JsonNode.Parse(output.ToString())!;
            Assert.Equal(closed["resultHash"]!.GetValue<string>(), report["resultHash"]!.GetValue<string>());
            Assert.Equal(closed["votesRoot"]!.GetValue<string>(), report["votesRoot"]!.GetValue<string>());
        }
        finally
        {
            directory.Delete(recursive: true);
        }

        // A snapshot above the chain head is refused when the proposal is opened.
        var future = new JsonObject { ["space"] = space, ["title"] = "Future", ["snapshot"] = snapshot + 1_000_000, ["start"] = Now.ToString("O") }.ToJsonString();
        var (refused, problem) = await VotingKit.PostAsync(client, $"api/voting/spaces/{space}/proposals", future, ("Body-Signature", VotingKit.SignBody(admin, future, at: Now)));
        Assert.True(refused == HttpStatusCode.BadRequest, problem.ToJsonString());
    }

    [Fact]
    public async Task A_shielded_proposal_shows_no_choice_until_its_keyholders_rebuild_the_key_then_tallies_as_the_same_ballots_in_the_clear()
    {
        using var client = Client();
        var admin = Holder.New(KeyType.Ed25519);
        var keyholders = Enumerable.Range(0, 3).Select(_ => (Holder: Holder.New(KeyType.Ed25519), Key: NSec.Cryptography.Key.Create(NSec.Cryptography.KeyAgreementAlgorithm.X25519, new NSec.Cryptography.KeyCreationParameters { ExportPolicy = NSec.Cryptography.KeyExportPolicies.AllowPlaintextExport }))).ToList();
        var listed = new JsonArray([.. keyholders.Select(k => (JsonNode)new JsonObject { ["did"] = k.Holder.Did, ["encryptionKey"] = Base64Url.Encode(k.Key.PublicKey.Export(NSec.Cryptography.KeyBlobFormat.RawPublicKey)) })]);
        var space = await SpaceAsync(client, admin, keyholders: listed);
        var shieldedProposal = await ProposalAsync(client, space, admin, shieldedThreshold: 2);
        var clearProposal = await ProposalAsync(client, space, admin);
        var shielded = (await client.GetFromJsonAsync<JsonObject>(new Uri("api/voting/proposals/" + shieldedProposal, UriKind.Relative)))!;
        var shieldedTerms = System.Text.Json.JsonSerializer.Deserialize<MLGov.Voting.Domain.Proposals.ShieldedTerms>(shielded["terms"]!["shielded"]!.ToJsonString(), MLGov.Platform.Http.ApiJson.Options)!;
        Assert.Null(shieldedTerms.RevealedKey);
        Assert.Equal(3, shieldedTerms.Shares.Count);

        var wallets = Enumerable.Range(0, 4).Select(_ => Wallet.New()).ToList();
        string[] choices = ["1", "2", "1", "3"];
        for (var i = 0; i < wallets.Count; i++)
        {
            await VoteAsync(client, clearProposal, wallets[i], choices[i]);
            await VoteAsync(client, shieldedProposal, wallets[i], MLGov.Voting.Domain.Shielded.ShieldedBallots.Encrypt(shieldedTerms, shieldedProposal, choices[i]));
        }

        // A clear choice is refused on a shielded proposal; the export shows only ciphertexts.
        using (var clearChoice = await client.GetAsync(new Uri($"api/voting/proposals/{shieldedProposal}/typed-data?voter={wallets[0].Address}&choice=1", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, clearChoice.StatusCode);
        }

        var export = (await client.GetStringAsync(new Uri($"api/voting/proposals/{shieldedProposal}/votes", UriKind.Relative))).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, export.Length);
        Assert.All(export, line => Assert.StartsWith(MLGov.Voting.Domain.Shielded.ShieldedBallots.Prefix, JsonNode.Parse(line)!["choice"]!.GetValue<string>(), StringComparison.Ordinal));

        _stack.Clock.Shift(TimeSpan.FromMinutes(31));
        await RunTimerAsync("VotingCloseProposals");
        var clear = await UntilAsync(client, clearProposal, "finalizing");

        // Closed, but not tallied: no key, no result.
        await RunTimerAsync("VotingCloseProposals");
        await Task.Delay(500);
        var waiting = (await client.GetFromJsonAsync<JsonObject>(new Uri("api/voting/proposals/" + shieldedProposal, UriKind.Relative)))!;
        Assert.Equal("closing", waiting["state"]!.GetValue<string>());
        Assert.Null(waiting["result"]);

        async Task<(HttpStatusCode, JsonObject)> HandInAsync(int index, string share, Holder signer)
        {
            var body = new JsonObject { ["index"] = index, ["share"] = share }.ToJsonString();
            return await VotingKit.PostAsync(client, $"api/voting/proposals/{shieldedProposal}/shares", body, ("Body-Signature", VotingKit.SignBody(signer, body, at: Now)));
        }

        var opened = keyholders.Select((k, i) => MLGov.Voting.Domain.Shielded.ShieldedBallots.OpenShare(k.Key.Export(NSec.Cryptography.KeyBlobFormat.RawPrivateKey), shieldedProposal, shieldedTerms.Shares[i])).ToList();
        var (byOther, _) = await HandInAsync(1, Hex.Encode(opened[0].Value.Span), keyholders[1].Holder);
        Assert.Equal(HttpStatusCode.Forbidden, byOther);
        var altered = opened[0].Value.ToArray();
        altered[31] ^= 1;
        var (wrong, _) = await HandInAsync(1, Hex.Encode(altered), keyholders[0].Holder);
        Assert.Equal(HttpStatusCode.BadRequest, wrong);
        var (first, progress) = await HandInAsync(1, Hex.Encode(opened[0].Value.Span), keyholders[0].Holder);
        Assert.Equal(HttpStatusCode.OK, first);
        Assert.False(progress["revealed"]!.GetValue<bool>());
        Assert.Null((await client.GetFromJsonAsync<JsonObject>(new Uri("api/voting/proposals/" + shieldedProposal, UriKind.Relative)))!["terms"]!["shielded"]!["revealedKey"]);

        var (second, revealed) = await HandInAsync(3, Hex.Encode(opened[2].Value.Span), keyholders[2].Holder);
        Assert.Equal(HttpStatusCode.OK, second);
        Assert.True(revealed["revealed"]!.GetValue<bool>());
        await RunTimerAsync("VotingCloseProposals");
        var tallied = await UntilAsync(client, shieldedProposal, "finalizing");
        Assert.NotNull(tallied["terms"]!["shielded"]!["revealedKey"]);
        Assert.Equal(
            clear["result"]!["totals"]!.AsArray().Select(t => t!.GetValue<string>()),
            tallied["result"]!["totals"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(clear["result"]!["outcome"]!.GetValue<string>(), tallied["result"]!["outcome"]!.GetValue<string>());
        Assert.Equal(4, tallied["result"]!["countedVotes"]!.GetValue<int>());

        // The receipt binds the opened choice, and the key in the terms lets anyone redo the tally from the export.
        var receipt = (await client.GetFromJsonAsync<JsonObject>(new Uri($"api/voting/proposals/{shieldedProposal}/receipts/{wallets[1].Address}", UriKind.Relative)))!;
        Assert.Equal(Hex.Encode(MLGov.Core.Hashing.Keccak256.Compute("2"u8)), receipt["choiceHash"]!.GetValue<string>());
        var terms = System.Text.Json.JsonSerializer.Deserialize<MLGov.Voting.Domain.Proposals.ProposalDefinition>(tallied["terms"]!.ToJsonString(), MLGov.Platform.Http.ApiJson.Options)!;
        var redone = MLGov.Voting.Domain.Tally.ProposalResult.From(MLGov.Voting.Domain.Tally.ProposalResult.Tally(terms, export.Select(l => JsonNode.Parse(l)!).Select(l => (
            l["voter"]!.GetValue<string>(), l["choice"]!.GetValue<string>(), l["weight"]!.GetValue<string>(), l["timestamp"]!.GetValue<long>(), l["id"]!.GetValue<string>()))));
        Assert.Equal(tallied["resultHash"]!.GetValue<string>(), redone.Hash());
    }

    [Fact]
    public async Task Fifty_token_weighted_votes_by_wallets_and_DIDs_with_a_delegation_are_finalized_executed_and_proven_on_chain()
    {
        using var client = Client();
        using var operatorChain = Chain(AnvilServer.OperatorKey);
        var tokenAddress = Env.Deployment.Contracts[ContractNames.TestToken];
        var wallets = Enumerable.Range(0, 40).Select(_ => Wallet.New()).ToList();
        var dids = Enumerable.Range(0, 10).Select(_ => Wallet.New()).ToList(); // secp256k1 did:keys: each DID's address holds its tokens
        var delegator = Wallet.New();
        var latecomer = Wallet.New();
        var balances = new Dictionary<string, BigInteger>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < wallets.Count; i++)
        {
            balances[wallets[i].Address] = 10 + i;
        }

        for (var j = 0; j < dids.Count; j++)
        {
            balances[dids[j].Address] = 100 + j;
        }

        balances[delegator.Address] = 500;
        foreach (var (holder, amount) in balances)
        {
            await operatorChain.SendAsync(tokenAddress, new MLGov.Contracts.TestToken.MintFunction { To = holder, Amount = amount }, CancellationToken.None);
        }

        var snapshot = (long)await operatorChain.GetBlockNumberAsync(CancellationToken.None);
        using (var anvil = new AnvilControl(Env.Dependencies.Anvil.RpcUrl))
        {
            await anvil.SetBalanceAsync(wallets[0].Address, BigInteger.Pow(10, 20));
        }

        using (var moving = Chain(Hex.Encode(wallets[0].Holder.Key.PrivateKeyBytes)))
        {
            await new Erc20Service(moving, tokenAddress).TransferRequestAndWaitForReceiptAsync(latecomer.Address, 10, CancellationToken.None); // after the snapshot
        }

        var admin = Holder.New(KeyType.Ed25519);
        var space = await SpaceAsync(client, admin, new JsonArray(new JsonObject { ["kind"] = "erc20-balance", ["token"] = tokenAddress }), eligibility: false);
        var calldata = Hex.Encode(new UpdateDelayFunction { NewDelay = 75 }.GetCallData());
        var proposal = await ProposalAsync(client, space, admin, new JsonObject { ["target"] = Timelock, ["calldata"] = calldata }, snapshot: snapshot);

        var typedData = await client.GetStringAsync(new Uri($"api/voting/spaces/{space}/delegations/typed-data?delegator={delegator.Address}&delegate={wallets[1].Address}", UriKind.Relative));
        var (delegated, delegation) = await VotingKit.PostAsync(
            client, $"api/voting/spaces/{space}/delegations", new JsonObject { ["typedData"] = JsonNode.Parse(typedData), ["signature"] = delegator.SignTypedData(typedData) }.ToJsonString());
        Assert.True(delegated == HttpStatusCode.OK, delegation.ToJsonString());

        var expected = new BigInteger[3];
        for (var i = 0; i < wallets.Count; i++)
        {
            var choice = i % 3 == 0 ? 2 : 1;
            await VoteAsync(client, proposal, wallets[i], choice.ToString(System.Globalization.CultureInfo.InvariantCulture), present: false);
            expected[choice - 1] += balances[wallets[i].Address] + (i == 1 ? balances[delegator.Address] : 0);
        }

        for (var j = 0; j < dids.Count; j++)
        {
            var choice = j < 6 ? 1 : 3;
            var jws = VotingKit.DidVote(dids[j].Holder, new JsonObject
            {
                ["proposal"] = proposal,
                ["chainId"] = Env.Dependencies.Anvil.ChainId,
                ["finalizer"] = Finalizer,
                ["voter"] = dids[j].Holder.Did,
                ["choice"] = choice.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["timestamp"] = Now.ToUnixTimeSeconds(),
            });
            var (status, vote) = await VotingKit.PostAsync(client, $"api/voting/proposals/{proposal}/votes", new JsonObject { ["jws"] = jws }.ToJsonString());
            Assert.True(status == HttpStatusCode.Created, vote.ToJsonString());
            Assert.Equal(dids[j].Address, vote["voter"]!.GetValue<string>());
            expected[choice - 1] += balances[dids[j].Address];
        }

        await VoteAsync(client, proposal, latecomer, "2", present: false, expected: HttpStatusCode.Forbidden); // tokens received after the snapshot

        _stack.Clock.Shift(TimeSpan.FromMinutes(31));
        await RunTimerAsync("VotingCloseProposals");
        var posted = await UntilAsync(client, proposal, "finalizing");
        Assert.Equal(50, posted["result"]!["countedVotes"]!.GetValue<int>());
        Assert.Equal(expected.Select(e => e.ToString(System.Globalization.CultureInfo.InvariantCulture)), posted["result"]!["totals"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("passed", posted["result"]!["outcome"]!.GetValue<string>());

        await WarpAsync((long)ContractDeployer.LocalChallengeWindow + 1);
        await UntilAsync(client, proposal, "finalized");
        var finalizer = new GovernanceFinalizerService(operatorChain, Finalizer);
        foreach (var (voter, weight) in new[] { (wallets[1].Address, balances[wallets[1].Address] + 500), (dids[7].Address, balances[dids[7].Address]) })
        {
            var receipt = (await client.GetFromJsonAsync<JsonObject>(new Uri($"api/voting/proposals/{proposal}/receipts/{voter}", UriKind.Relative)))!;
            Assert.Equal(weight.ToString(System.Globalization.CultureInfo.InvariantCulture), receipt["weight"]!.GetValue<string>());
            var proof = receipt["proof"]!.AsArray().Select(p => Hex.Decode(p!.GetValue<string>())).ToList();
            Assert.True(await finalizer.VerifyVoteQueryAsync(Hex.Decode(proposal), voter, Hex.Decode(receipt["choiceHash"]!.GetValue<string>()), weight, proof, CancellationToken.None));
        }

        var delay = await operatorChain.QueryValueAsync<GetMinDelayFunction, BigInteger>(Timelock, new GetMinDelayFunction(), CancellationToken.None);
        await WarpAsync((long)delay + 1);
        await UntilAsync(client, proposal, "executed");
        Assert.Equal(75, await operatorChain.QueryValueAsync<GetMinDelayFunction, BigInteger>(Timelock, new GetMinDelayFunction(), CancellationToken.None));
    }
}
