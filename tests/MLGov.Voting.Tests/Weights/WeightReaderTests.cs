using System.Numerics;
using MLGov.Core.Errors;
using MLGov.Core.Snapshots;
using MLGov.Voting.Domain.Weights;
using static MLGov.Voting.Tests.Votes;

namespace MLGov.Voting.Tests.Weights;

/// <summary>What the reader decides without the chain; reading balances and stakes at a block is tested on anvil (MLGov.Contracts.Chain.Tests).</summary>
public sealed class WeightReaderTests
{
    private static readonly CredentialStrategy Members = new("MemberCredential", ["did:web:issuer.example"], 1);
    private static readonly CredentialStrategy Providers = new("ProviderCredential", ["did:web:issuer.example"], 3);

    [Fact]
    public async Task Credential_strategies_count_one_times_the_multiplier_per_rule_the_voter_meets_and_sum()
    {
        var reader = new WeightReader(new NoChain(), NoReputationSource.Instance);
        var holders = new HashSet<(string?, string)> { (Members.CredentialType, Voter(1)), (Providers.CredentialType, Voter(1)), (Members.CredentialType, Voter(2)) };

        var weights = await reader.ReadAsync([Members, Providers], 5, [Voter(1), Voter(2), Voter(3), Voter(1).ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal)], (rule, voter) => holders.Contains((rule.CredentialType, voter)), CancellationToken.None);

        Assert.Equal([Voter(1), Voter(2), Voter(3)], weights.Select(w => w.Voter));
        Assert.Equal([new BigInteger(4), BigInteger.One, BigInteger.Zero], weights.Select(w => w.Weight));
        Assert.Equal([BigInteger.One, new BigInteger(3)], weights[0].Parts);
    }

    [Fact]
    public async Task A_reputation_strategy_without_a_source_is_refused_saying_so_and_nothing_is_read()
    {
        var reader = new WeightReader(new NoChain(), NoReputationSource.Instance);
        WeightStrategy[] strategies = [Members, new ReputationStrategy(1, 1)];

        var atCreation = Assert.Throws<ValidationException>(() => reader.CheckSources(strategies));
        var atRead = await Assert.ThrowsAsync<ValidationException>(() => reader.ReadAsync(strategies, 5, [Voter(1)], (_, _) => true, CancellationToken.None));

        Assert.Equal(["strategies[1]"], atCreation.Errors.Keys);
        Assert.Contains("No provider reputation source", atCreation.Errors["strategies[1]"][0], StringComparison.Ordinal);
        Assert.Equal(atCreation.Errors.Keys, atRead.Errors.Keys);
        Assert.NotNull(NoReputationSource.Instance.Unavailable);
        await Assert.ThrowsAsync<InvalidOperationException>(() => NoReputationSource.Instance.ScoresAsync([Voter(1)], 5, CancellationToken.None));
    }

    [Fact]
    public async Task Malformed_voters_and_invalid_strategies_are_refused()
    {
        var reader = new WeightReader(new NoChain(), NoReputationSource.Instance);

        var voters = await Assert.ThrowsAsync<ValidationException>(() => reader.ReadAsync([Members], 5, [Voter(1), "0x12", "alice"], (_, _) => true, CancellationToken.None));
        var strategies = await Assert.ThrowsAsync<ValidationException>(() => reader.ReadAsync([new Erc20BalanceStrategy("0x12", 0, 1)], 5, [Voter(1)], (_, _) => true, CancellationToken.None));

        Assert.Equal(["voters[1]", "voters[2]"], voters.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["strategies[0].multiplier", "strategies[0].token"], strategies.Errors.Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>A chain that is never reached by these tests: any call fails them.</summary>
    private sealed class NoChain : ISnapshotReader
    {
        public Task<ulong> HeadAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("The chain was read.");

        public Task<IReadOnlyList<BigInteger>> Erc20BalancesAsync(string token, IReadOnlyList<string> holders, ulong block, CancellationToken cancellationToken) => throw new InvalidOperationException("The chain was read.");

        public Task<IReadOnlyList<BigInteger>> BondedStakesAsync(string pool, byte[]? serviceId, IReadOnlyList<string> providers, ulong block, CancellationToken cancellationToken) => throw new InvalidOperationException("The chain was read.");
    }
}
