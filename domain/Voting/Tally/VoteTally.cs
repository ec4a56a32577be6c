using System.Numerics;
using MLGov.Core.Encoding;
using MLGov.Core.Errors;
using MLGov.Core.Hashing;
using MLGov.Core.Merkle;
using MLGov.Voting.Domain.Choices;

namespace MLGov.Voting.Domain.Tally;

/// <summary>
/// The deterministic tally: the same votes in any order give the same result and root. Steps: one vote per voter
/// (<see cref="VoteSelection"/>), per-choice totals by voting type, quorum, the pass threshold and the winners, then
/// the Merkle root over the counted votes with the GovernanceFinalizer's leaf
/// <c>(chainId, finalizer, proposalId, voter, keccak256(choice text), weight)</c> (<see cref="ProposalVoteLeafEncoder"/>).
/// </summary>
public static class VoteTally
{
    public static TallyResult Tally(TallySettings settings, IEnumerable<CastVote> votes)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var counted = VoteSelection.Select(votes, settings.VotesMayChange);
        var choiceCount = settings.EffectiveChoiceCount;
        foreach (var vote in counted)
        {
            CheckChoice(vote, settings.Type, choiceCount);
        }

        var totals = new BigInteger[choiceCount];
        BigInteger[]? credits = null;
        IReadOnlyList<RankedChoiceRound> rounds = [];
        int? rankedWinner = null;
        BigInteger participating = 0;
        foreach (var vote in counted)
        {
            participating += vote.Weight;
        }

        switch (settings.Type)
        {
            case VotingType.Basic:
            case VotingType.SingleChoice:
                foreach (var vote in counted)
                {
                    totals[vote.Choice.Choices[0] - 1] += vote.Weight;
                }

                break;
            case VotingType.Approval:
                foreach (var vote in counted)
                {
                    foreach (var choice in vote.Choice.Choices)
                    {
                        totals[choice - 1] += vote.Weight;
                    }
                }

                break;
            case VotingType.Weighted:
            case VotingType.Quadratic:
                credits = settings.Type == VotingType.Quadratic ? new BigInteger[choiceCount] : null;
                foreach (var vote in counted)
                {
                    var allocations = vote.Choice.Allocations;
                    var shares = WeightSplit.Split(vote.Weight, allocations);
                    for (var i = 0; i < shares.Length; i++)
                    {
                        var index = allocations[i].Choice - 1;
                        if (credits is null)
                        {
                            totals[index] += shares[i];
                        }
                        else
                        {
                            credits[index] += shares[i];
                            totals[index] += WeightSplit.IntegerSquareRoot(shares[i]);
                        }
                    }
                }

                break;
            default:
                var count = InstantRunoff.Count(choiceCount, [.. counted.Select(v => new RankedBallot(v.Choice.Choices.ToArray(), v.Weight))]);
                rounds = count.Rounds;
                rankedWinner = count.Winner;
                if (rounds.Count > 0)
                {
                    rounds[0].Totals.ToArray().CopyTo(totals, 0);
                }

                break;
        }

        var quorumMet = counted.Count > 0 && settings.Quorum.IsMet(participating, settings.TotalWeight);
        var (winners, supportBase, leaderTotal) = Lead(settings.Type, totals, rounds, rankedWinner, participating);
        var outcome = Decide(settings, counted.Count, quorumMet, winners, supportBase, leaderTotal);
        var (leaves, tree) = BuildTree(settings, counted);
        return new TallyResult(settings, counted, totals, credits, rounds, participating, supportBase, quorumMet, outcome, winners, leaves, tree);
    }

    private static (int[] Winners, BigInteger SupportBase, BigInteger LeaderTotal) Lead(
        VotingType type, BigInteger[] totals, IReadOnlyList<RankedChoiceRound> rounds, int? rankedWinner, BigInteger participating)
    {
        switch (type)
        {
            case VotingType.Basic:
                {
                    // For and against decide; abstentions count for the quorum only.
                    var (forWeight, against) = (totals[0], totals[1]);
                    int[] winners = forWeight > against ? [1] : against > forWeight ? [2] : forWeight.IsZero ? [] : [1, 2];
                    return (winners, forWeight + against, forWeight);
                }

            case VotingType.RankedChoice:
                {
                    if (rankedWinner is not { } winner)
                    {
                        return ([], BigInteger.Zero, BigInteger.Zero);
                    }

                    var last = rounds[^1];
                    return ([winner], last.Active, last.Totals[winner - 1]);
                }

            default:
                {
                    var max = totals.Max();
                    int[] winners = max.IsZero ? [] : [.. Enumerable.Range(1, totals.Length).Where(c => totals[c - 1] == max)];
                    var supportBase = type == VotingType.Quadratic ? totals.Aggregate(BigInteger.Zero, (a, b) => a + b) : participating;
                    return (winners, supportBase, max);
                }
        }
    }

    private static TallyOutcome Decide(TallySettings settings, int voters, bool quorumMet, int[] winners, BigInteger supportBase, BigInteger leaderTotal)
    {
        if (voters == 0)
        {
            return TallyOutcome.NoVotes;
        }

        if (!quorumMet)
        {
            return TallyOutcome.QuorumNotMet;
        }

        if (winners.Length > 1)
        {
            return TallyOutcome.Tied;
        }

        if (winners.Length == 0 || (settings.Type == VotingType.Basic && winners[0] != 1))
        {
            return TallyOutcome.Rejected;
        }

        // Strictly more than the threshold's share of the support base, in integers.
        return leaderTotal * 10_000 > supportBase * settings.PassThresholdBasisPoints ? TallyOutcome.Passed : TallyOutcome.Rejected;
    }

    private static (ProposalVote[] Leaves, MerkleTree? Tree) BuildTree(TallySettings settings, IReadOnlyList<CastVote> counted)
    {
        var leaves = new ProposalVote[counted.Count];
        var hashes = new byte[counted.Count][];
        var finalizer = settings.Finalizer;
        Parallel.For(0, counted.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, () => new byte[6 * AbiWords.WordLength], (i, _, buffer) =>
        {
            var vote = counted[i];
            leaves[i] = new ProposalVote(settings.ChainId, finalizer, settings.ProposalId, vote.Voter, vote.Choice.HashMemory, vote.Weight);
            hashes[i] = LeafHash(leaves[i], buffer);
            return buffer;
        }, _ => { });
        return (leaves, counted.Count == 0 ? null : MerkleTree.Build(hashes));
    }

    /// <summary>StandardMerkleTree's leaf: keccak256(keccak256(abi.encode(leaf))).</summary>
    private static byte[] LeafHash(ProposalVote leaf, byte[] buffer)
    {
        var span = buffer.AsSpan();
        AbiWords.WriteUInt256(leaf.ChainId, span[..32]);
        AbiWords.WriteAddress(leaf.Finalizer, span[32..64]);
        AbiWords.WriteBytes32(leaf.ProposalId.Span, span[64..96]);
        AbiWords.WriteAddress(leaf.Voter, span[96..128]);
        AbiWords.WriteBytes32(leaf.ChoiceHash.Span, span[128..160]);
        AbiWords.WriteUInt256(leaf.Weight, span[160..]);
        Span<byte> inner = stackalloc byte[32];
        Keccak256.Instance.Hash(span, inner);
        var hash = new byte[32];
        Keccak256.Instance.Hash(inner, hash);
        return hash;
    }

    private static void CheckChoice(CastVote vote, VotingType type, int choiceCount)
    {
        var choice = vote.Choice ?? throw ValidationException.For("choice", $"The vote of {vote.Voter} has no choice.");
        var highest = 0;
        foreach (var c in choice.Choices)
        {
            highest = Math.Max(highest, c);
        }

        foreach (var allocation in choice.Allocations)
        {
            highest = Math.Max(highest, allocation.Choice);
        }

        if (choice.Type != type || highest > choiceCount)
        {
            throw ValidationException.For("choice", $"The vote of {vote.Voter} is not a {VotingTypes.NameOf(type)} choice among {choiceCount} choices.");
        }
    }
}
