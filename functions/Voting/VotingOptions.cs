namespace MLGov.Voting;

/// <summary>The voting app's settings (section <c>Voting</c>).</summary>
public sealed class VotingOptions
{
    public const string SectionName = "Voting";

    /// <summary>
    /// How long after a proposal's end the closing timer waits before it tallies, so that a vote accepted just before the
    /// end has been written (a vote is checked against the end when it arrives, and written a moment later).
    /// </summary>
    public TimeSpan CloseGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many closed proposals' tallies the receipt endpoint keeps in memory.</summary>
    public int TallyCacheSize { get; set; } = 64;
}
