namespace MLGov.Voting.Domain.Tally;

public enum QuorumKind
{
    None,
    Absolute,
    BasisPoints,
}
