using System.Numerics;
using MLGov.Core.Errors;
using MLGov.Core.Merkle;

namespace MLGov.Voting.Domain.Tally;

/// <summary>
/// The outcome of a tally, reproducible by anyone from the exported votes. <see cref="Totals"/>: per choice (index 0 is
/// choice 1): the weight for it (approval: of every voter approving it; weighted: the split shares; quadratic: the
/// votes, ⌊√credits⌋ summed; ranked choice: first preferences, the later rounds in <see cref="Rounds"/>).
/// <see cref="Credits"/>: quadratic only, the credits (weight) spent per choice. <see cref="SupportBase"/>: what the
/// pass threshold is a share of (docs/voting.md). <see cref="VotesRoot"/>: the StandardMerkleTree root over the counted
/// votes' finalizer leaves, null without votes.
/// </summary>
public sealed class TallyResult
{
    private readonly MerkleTree? _tree;
    private readonly ProposalVote[] _leaves;

    internal TallyResult(
        TallySettings settings,
        IReadOnlyList<CastVote> counted,
        BigInteger[] totals,
        BigInteger[]? credits,
        IReadOnlyList<RankedChoiceRound> rounds,
        BigInteger participating,
        BigInteger supportBase,
        bool quorumMet,
        TallyOutcome outcome,
        int[] winners,
        ProposalVote[] leaves,
        MerkleTree? tree)
    {
        Settings = settings;
        CountedVotes = counted;
        Totals = totals;
        Credits = credits;
        Rounds = rounds;
        ParticipatingWeight = participating;
        SupportBase = supportBase;
        QuorumMet = quorumMet;
        Outcome = outcome;
        Winners = winners;
        _leaves = leaves;
        _tree = tree;
    }

    public TallySettings Settings { get; }

    /// <summary>The vote that counts per voter, ordered by voter address (lower-case).</summary>
    public IReadOnlyList<CastVote> CountedVotes { get; }

    public IReadOnlyList<BigInteger> Totals { get; }

    public IReadOnlyList<BigInteger>? Credits { get; }

    /// <summary>Ranked choice: every round; otherwise empty.</summary>
    public IReadOnlyList<RankedChoiceRound> Rounds { get; }

    /// <summary>The summed weight of the counted voters, abstentions included: what the quorum is measured on.</summary>
    public BigInteger ParticipatingWeight { get; }

    public BigInteger SupportBase { get; }

    public bool QuorumMet { get; }

    public TallyOutcome Outcome { get; }

    /// <summary>The leading choice(s), 1-based: one, or several when tied; empty without votes.</summary>
    public IReadOnlyList<int> Winners { get; }

    /// <summary>The Merkle root of the counted votes (a copy), null when none was counted.</summary>
    public byte[]? VotesRoot => _tree?.Root;

    /// <summary>The leaves in the order of <see cref="CountedVotes"/>.</summary>
    public IReadOnlyList<ProposalVote> Leaves => _leaves;

    /// <summary>The voter's inclusion proof; <see cref="NotFoundException"/> when the voter has no counted vote.</summary>
    public VoteReceipt ReceiptFor(string voter)
    {
        ArgumentNullException.ThrowIfNull(voter);
        var low = 0;
        var high = CountedVotes.Count - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var order = string.Compare(CountedVotes[middle].Voter, voter, StringComparison.OrdinalIgnoreCase);
            if (order == 0)
            {
                return new VoteReceipt(_leaves[middle], _tree!.GetProof(middle), _tree.Root);
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        throw new NotFoundException($"No counted vote of {voter}.");
    }
}
