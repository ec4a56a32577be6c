namespace MLGov.Voting.Domain.Tally;

/// <summary>What the tally decided.</summary>
public enum TallyOutcome
{
    /// <summary>Quorum met and the leading choice cleared the pass threshold (basic: "for" did).</summary>
    Passed,

    /// <summary>Quorum met but the leader did not clear the threshold (basic: "against" won, or "for" fell short).</summary>
    Rejected,

    /// <summary>Two or more choices share the lead (basic: for equals against).</summary>
    Tied,

    /// <summary>Too little weight took part.</summary>
    QuorumNotMet,

    /// <summary>No vote was counted.</summary>
    NoVotes,
}
