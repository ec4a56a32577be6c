using System.Numerics;
using FsCheck.Xunit;
using MLGov.Core.Errors;
using MLGov.Core.Merkle;
using MLGov.Voting.Domain.Choices;
using MLGov.Voting.Domain.Tally;
using static MLGov.Voting.Tests.Votes;

namespace MLGov.Voting.Tests.Tally;

public sealed class VoteTallyTests
{
    [Fact]
    public void Basic_for_against_abstain_with_quorum_and_threshold()
    {
        // for 5, against 3, abstain 4: participation 12, support base (for + against) 8.
        // Threshold 5,000 bp: 5 · 10,000 = 50,000 > 8 · 5,000 = 40,000 → passed. Threshold 6,500: 50,000 > 52,000 fails → rejected.
        CastVote[] votes = [Cast(1, VotingType.Basic, "1", 5), Cast(2, VotingType.Basic, "2", 3), Cast(3, VotingType.Basic, "3", 4)];

        var passed = VoteTally.Tally(Settings(VotingType.Basic, threshold: 5_000), votes);
        Assert.Equal([5, 3, 4], passed.Totals);
        Assert.Equal(12, passed.ParticipatingWeight);
        Assert.Equal(8, passed.SupportBase);
        Assert.Equal(TallyOutcome.Passed, passed.Outcome);
        Assert.Equal([1], passed.Winners);

        Assert.Equal(TallyOutcome.Rejected, VoteTally.Tally(Settings(VotingType.Basic, threshold: 6_500), votes).Outcome);
    }

    [Fact]
    public void Quorum_counts_abstentions_absolute_or_in_basis_points_of_the_total_weight()
    {
        CastVote[] votes = [Cast(1, VotingType.Basic, "1", 5), Cast(2, VotingType.Basic, "2", 3), Cast(3, VotingType.Basic, "3", 4)];

        Assert.True(VoteTally.Tally(Settings(VotingType.Basic, quorum: QuorumRule.Absolute(12)), votes).QuorumMet);
        Assert.Equal(TallyOutcome.QuorumNotMet, VoteTally.Tally(Settings(VotingType.Basic, quorum: QuorumRule.Absolute(13)), votes).Outcome);
        // 12 of 24 is exactly 5,000 bp: met (12 · 10,000 ≥ 5,000 · 24). 12 of 25 is 4,800 bp: not met.
        Assert.True(VoteTally.Tally(Settings(VotingType.Basic, quorum: QuorumRule.BasisPoints(5_000), total: 24), votes).QuorumMet);
        Assert.False(VoteTally.Tally(Settings(VotingType.Basic, quorum: QuorumRule.BasisPoints(5_000), total: 25), votes).QuorumMet);
    }

    [Fact]
    public void Basic_with_more_against_is_rejected_and_an_even_split_is_tied()
    {
        Assert.Equal(TallyOutcome.Rejected, VoteTally.Tally(Settings(VotingType.Basic), [Cast(1, VotingType.Basic, "1", 2), Cast(2, VotingType.Basic, "2", 3)]).Outcome);
        Assert.Equal(TallyOutcome.Tied, VoteTally.Tally(Settings(VotingType.Basic), [Cast(1, VotingType.Basic, "1", 3), Cast(2, VotingType.Basic, "2", 3)]).Outcome);
    }

    [Fact]
    public void Approval_gives_each_approved_choice_the_full_weight()
    {
        // a (3) approves 1 and 2, b (2) approves 2 and 3: totals 3, 5, 2; choice 2 leads with 5 of 5 participating.
        var result = VoteTally.Tally(Settings(VotingType.Approval, threshold: 5_000), [Cast(1, VotingType.Approval, "[1,2]", 3), Cast(2, VotingType.Approval, "[2,3]", 2)]);

        Assert.Equal([3, 5, 2], result.Totals);
        Assert.Equal([2], result.Winners);
        Assert.Equal(TallyOutcome.Passed, result.Outcome);
    }

    [Fact]
    public void Weighted_splits_each_weight_by_largest_remainder()
    {
        // a: 10 over 1:1:1 → 4, 3, 3. b: 7 over 2:1 on choices 1 and 2 → 5, 2. Totals 9, 5, 3 (= 17, all the weight).
        var result = VoteTally.Tally(Settings(VotingType.Weighted), [Cast(1, VotingType.Weighted, "{\"1\":1,\"2\":1,\"3\":1}", 10), Cast(2, VotingType.Weighted, "{\"1\":2,\"2\":1}", 7)]);

        Assert.Equal([9, 5, 3], result.Totals);
        Assert.Equal([1], result.Winners);
    }

    [Fact]
    public void Quadratic_gives_the_integer_square_root_of_the_credits_per_choice()
    {
        // a: 10 credits on 1 → ⌊√10⌋ = 3. b: 9 on 2 → 3. c: 16 split 1:1 → 8 and 8 → 2 and 2.
        // Votes 5 and 5 (tied); credits 18 and 17.
        var result = VoteTally.Tally(Settings(VotingType.Quadratic, choices: 2), [
            Cast(1, VotingType.Quadratic, "{\"1\":1}", 10, choices: 2),
            Cast(2, VotingType.Quadratic, "{\"2\":1}", 9, choices: 2),
            Cast(3, VotingType.Quadratic, "{\"1\":1,\"2\":1}", 16, choices: 2),
        ]);

        Assert.Equal([5, 5], result.Totals);
        Assert.Equal([18, 17], result.Credits!);
        Assert.Equal(TallyOutcome.Tied, result.Outcome);
        Assert.Equal([1, 2], result.Winners);
    }

    [Fact]
    public void Ranked_choice_reports_every_round_and_the_winner()
    {
        // 2 × [1,2] weight 1, 1 × [2,1] weight 1, 2 × [3,2] weight 1 (5 voters).
        // Round 1: 2, 1, 2 (active 5) → choice 2 is lowest and goes; its ballot moves to 1. Round 2: 3, 0, 2 → 3 of 5: choice 1 wins.
        var result = VoteTally.Tally(Settings(VotingType.RankedChoice, threshold: 5_000), [
            Cast(1, VotingType.RankedChoice, "[1,2]", 1), Cast(2, VotingType.RankedChoice, "[1,2]", 1), Cast(3, VotingType.RankedChoice, "[2,1]", 1),
            Cast(4, VotingType.RankedChoice, "[3,2]", 1), Cast(5, VotingType.RankedChoice, "[3,2]", 1),
        ]);

        Assert.Equal([2, 1, 2], result.Totals);
        Assert.Equal(2, result.Rounds.Count);
        Assert.Equal([3, 0, 2], result.Rounds[1].Totals);
        Assert.Equal([1], result.Winners);
        Assert.Equal(TallyOutcome.Passed, result.Outcome);
    }

    [Fact]
    public void With_changes_allowed_the_latest_vote_counts_otherwise_the_first()
    {
        CastVote[] votes = [Cast(1, VotingType.Basic, "2", 4, timestamp: 20), Cast(1, VotingType.Basic, "1", 4, timestamp: 10)];

        Assert.Equal([0, 4, 0], VoteTally.Tally(Settings(VotingType.Basic, mayChange: true), votes).Totals);
        Assert.Equal([4, 0, 0], VoteTally.Tally(Settings(VotingType.Basic, mayChange: false), votes).Totals);
    }

    [Fact]
    public void Two_votes_in_the_same_second_are_ordered_by_their_id()
    {
        CastVote[] votes = [Cast(1, VotingType.Basic, "1", 4, timestamp: 10, id: 0x20), Cast(1, VotingType.Basic, "2", 4, timestamp: 10, id: 0x10)];

        Assert.Equal([4, 0, 0], VoteTally.Tally(Settings(VotingType.Basic, mayChange: true), votes).Totals);
        Assert.Equal([0, 4, 0], VoteTally.Tally(Settings(VotingType.Basic, mayChange: false), votes).Totals);
        Assert.Equal([4, 0, 0], VoteTally.Tally(Settings(VotingType.Basic, mayChange: true), votes.Reverse()).Totals);
    }

    [Fact]
    public void The_votes_root_is_the_standard_tree_of_the_finalizer_leaves_and_every_receipt_verifies()
    {
        CastVote[] votes = [Cast(3, VotingType.Basic, "1", 5), Cast(1, VotingType.Basic, "2", 3), Cast(2, VotingType.Basic, "3", 4)];
        var result = VoteTally.Tally(Settings(VotingType.Basic), votes);

        var expectedLeaves = votes.OrderBy(v => v.Voter, StringComparer.Ordinal)
            .Select(v => new ProposalVote(31337, Finalizer, ProposalId, v.Voter, v.Choice.Hash, v.Weight)).ToArray();
        var tree = new StandardMerkleTree<ProposalVote>(expectedLeaves, ProposalVoteLeafEncoder.Instance);
        Assert.Equal(tree.Root, result.VotesRoot);

        foreach (var leaf in expectedLeaves)
        {
            var receipt = result.ReceiptFor(leaf.Voter.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal));
            Assert.True(tree.Verify(receipt.Leaf, receipt.Proof));
            Assert.Equal(leaf.Weight, receipt.Leaf.Weight);
            Assert.Equal(leaf.ChoiceHash.ToArray(), receipt.Leaf.ChoiceHash.ToArray());
            // The same proof does not vouch for another weight or choice.
            Assert.False(tree.Verify(receipt.Leaf with { Weight = receipt.Leaf.Weight + 1 }, receipt.Proof));
            Assert.False(tree.Verify(receipt.Leaf with { ChoiceHash = MLGov.Core.Hashing.Keccak256.Compute("another choice"u8) }, receipt.Proof));
        }

        Assert.Throws<NotFoundException>(() => result.ReceiptFor(Voter(99)));
    }

    [Fact]
    public void No_votes_no_root_and_no_winner()
    {
        var result = VoteTally.Tally(Settings(VotingType.SingleChoice), []);

        Assert.Null(result.VotesRoot);
        Assert.Empty(result.Winners);
        Assert.Equal(TallyOutcome.NoVotes, result.Outcome);
    }

    [Fact]
    public void Votes_of_another_type_or_beyond_the_choices_zero_weights_and_bad_addresses_are_refused()
    {
        var settings = Settings(VotingType.SingleChoice, choices: 3);

        Assert.Throws<ValidationException>(() => VoteTally.Tally(settings, [Cast(1, VotingType.Approval, "[1]", 1)]));
        Assert.Throws<ValidationException>(() => VoteTally.Tally(settings, [Cast(1, VotingType.SingleChoice, "4", 1, choices: 4)]));
        Assert.Throws<ValidationException>(() => VoteTally.Tally(settings, [Cast(1, VotingType.SingleChoice, "1", 0)]));
        Assert.Throws<ValidationException>(() => VoteTally.Tally(settings, [Cast(1, VotingType.SingleChoice, "1", 1) with { Voter = "0x12" }]));
    }

    [Fact]
    public void Invalid_settings_are_refused_listing_every_problem()
    {
        var settings = new TallySettings(new byte[31], 0, "0x12", VotingType.SingleChoice, 1, QuorumRule.BasisPoints(100), 10_000, true);

        var error = Assert.Throws<ValidationException>(() => VoteTally.Tally(settings, []));

        Assert.Equal(["chainId", "choiceCount", "finalizer", "passThreshold", "proposalId", "totalWeight"], error.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Property(MaxTest = 100)]
    public bool Totals_of_single_choice_and_weighted_conserve_the_weight(byte[] choices, ushort[] weights)
    {
        var single = choices.Select((c, i) => Cast(i + 1, VotingType.SingleChoice, ((c % 3) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), weights.Length == 0 ? 1 : weights[i % weights.Length] + 1)).ToArray();
        var weighted = choices.Select((c, i) => Cast(i + 1, VotingType.Weighted, ChoiceParser.Map([new ChoiceAllocation(1, (c % 7) + 1), new ChoiceAllocation(3, (c % 5) + 1)]), weights.Length == 0 ? 1 : weights[i % weights.Length] + 1)).ToArray();
        var a = VoteTally.Tally(Settings(VotingType.SingleChoice), single);
        var b = VoteTally.Tally(Settings(VotingType.Weighted), weighted);
        return a.Totals.Aggregate(BigInteger.Zero, (x, y) => x + y) == a.ParticipatingWeight
            && b.Totals.Aggregate(BigInteger.Zero, (x, y) => x + y) == b.ParticipatingWeight;
    }

    [Property(MaxTest = 100)]
    public bool The_result_and_root_do_not_depend_on_the_order_of_the_votes(byte[] choices, byte[] timestamps, int seed)
    {
        // Voters repeat (i % 7), so latest-wins selection is exercised too.
        var votes = choices.Select((c, i) => Cast((i % 7) + 1, VotingType.RankedChoice, ChoiceParser.List([(c % 3) + 1, ((c / 3) % 3) + 1]), 1 + (c % 4), timestamp: timestamps.Length == 0 ? 0 : timestamps[i % timestamps.Length], id: (byte)i)).ToList();
        var shuffled = votes.ToList();
        new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(shuffled));
        var a = VoteTally.Tally(Settings(VotingType.RankedChoice), votes);
        var b = VoteTally.Tally(Settings(VotingType.RankedChoice), shuffled);
        return a.Totals.SequenceEqual(b.Totals) && a.Winners.SequenceEqual(b.Winners) && a.Rounds.Count == b.Rounds.Count
            && (a.VotesRoot is null ? b.VotesRoot is null : a.VotesRoot.AsSpan().SequenceEqual(b.VotesRoot));
    }
}
