using System.Globalization;
using System.Numerics;
using MLGov.Core.Hashing;
using MLGov.Voting.Domain.Choices;
using MLGov.Voting.Domain.Tally;

namespace MLGov.Voting.Tests;

/// <summary>Builders for test votes and settings.</summary>
internal static class Votes
{
    public const string Finalizer = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

    public static readonly byte[] ProposalId = Keccak256.Compute("proposal-1"u8);

    /// <summary>A distinct, valid lower-case address for a small number.</summary>
    public static string Voter(int n) => "0x" + n.ToString("x40", CultureInfo.InvariantCulture);

    public static TallySettings Settings(VotingType type, int choices = 3, QuorumRule? quorum = null, int threshold = 0, bool mayChange = true, BigInteger? total = null) =>
        new(ProposalId, 31337, Finalizer, type, choices, quorum ?? QuorumRule.None, threshold, mayChange, total);

    public static CastVote Cast(int voter, VotingType type, string choice, BigInteger weight, long timestamp = 100, int choices = 3, byte id = 0) =>
        new(Voter(voter), ChoiceParser.Parse(type, choices, choice), weight, timestamp, new byte[] { id });
}
