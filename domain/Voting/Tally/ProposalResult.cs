using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using MLGov.Core.Encoding;
using MLGov.Core.Hashing;
using MLGov.Core.Json;
using MLGov.Voting.Domain.Choices;
using MLGov.Voting.Domain.Proposals;
using MLGov.Voting.Domain.Shielded;

namespace MLGov.Voting.Domain.Tally;

/// <summary>
/// A tally as published: the outcome (<c>passed</c>, <c>rejected</c>, <c>tied</c>, <c>quorum-not-met</c>, <c>no-votes</c>),
/// the winners (1-based), per-choice totals (decimal integers; index 0 is choice 1), quadratic credits, ranked-choice
/// rounds, the participating weight and support base, whether the quorum was met, the number of counted votes and the
/// votes root. <see cref="Hash"/> is what the finalizer is given as the result hash: keccak256 of the document's RFC 8785
/// canonical JSON, so anyone who redoes the tally from the export gets the same hash.
/// </summary>
public sealed record ProposalResult(
    string Outcome,
    IReadOnlyList<int> Winners,
    IReadOnlyList<string> Totals,
    IReadOnlyList<string>? Credits,
    IReadOnlyList<ResultRound>? Rounds,
    string ParticipatingWeight,
    string SupportBase,
    bool QuorumMet,
    int CountedVotes,
    string? VotesRoot)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ProposalResult From(TallyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ProposalResult(
            OutcomeName(result.Outcome),
            [.. result.Winners],
            [.. result.Totals.Select(Text)],
            result.Credits?.Select(Text).ToList(),
            result.Rounds.Count == 0 ? null : [.. result.Rounds.Select(r => new ResultRound(r.Number, [.. r.Totals.Select(Text)], Text(r.Exhausted), r.ExhaustedBallots, Text(r.Active), r.Eliminated))],
            Text(result.ParticipatingWeight),
            Text(result.SupportBase),
            result.QuorumMet,
            result.CountedVotes.Count,
            result.VotesRoot is { } root ? Hex.Encode(root) : null);
    }

    /// <summary>The canonical JSON of the document (RFC 8785).</summary>
    public string ToCanonicalJson() => CanonicalJson.Serialize(this, Json);

    /// <summary>keccak256 of <see cref="ToCanonicalJson"/>, 0x hex: the result hash posted to the finalizer.</summary>
    public string Hash() => Hex.Encode(Keccak256.Compute(Encoding.UTF8.GetBytes(ToCanonicalJson())));

    public static ProposalResult? Parse(string? json) => json is null ? null : JsonSerializer.Deserialize<ProposalResult>(json, Json);

    public static string OutcomeName(TallyOutcome outcome) => outcome switch
    {
        TallyOutcome.Passed => "passed",
        TallyOutcome.Rejected => "rejected",
        TallyOutcome.Tied => "tied",
        TallyOutcome.QuorumNotMet => "quorum-not-met",
        _ => "no-votes",
    };

    /// <summary>
    /// Tallies recorded votes under a proposal's terms: each vote's choice parsed again (a shielded proposal's ballots opened
    /// with its rebuilt key first, those that do not open to a valid choice left out) and its weight read as a decimal
    /// integer; the tally is <see cref="VoteTally"/> (one vote per voter, latest or first as the terms say).
    /// </summary>
    public static TallyResult Tally(ProposalDefinition terms, IEnumerable<(string Voter, string Choice, string Weight, long Timestamp, string Id)> votes, BigInteger? totalWeight = null)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(votes);
        var type = terms.ParsedType();
        var count = type == VotingType.Basic ? ChoiceParser.BasicChoices : terms.Choices.Count;
        if (terms.Shielded is { } shielded)
        {
            // Shielded ballots are opened with the rebuilt key; one that does not open to a valid choice is not counted.
            var key = Base64Url.Decode(shielded.RevealedKey ?? throw new InvalidOperationException($"Proposal {terms.Id} is shielded and its key is not rebuilt yet."));
            votes = votes
                .Select(v => (v.Voter, Choice: ShieldedBallots.TryOpen(terms, key, v.Choice), v.Weight, v.Timestamp, v.Id))
                .Where(v => v.Choice is not null)
                .Select(v => (v.Voter, v.Choice!, v.Weight, v.Timestamp, v.Id))
                .ToList();
        }

        var cast = votes.Select(v => new CastVote(
            v.Voter,
            ChoiceParser.Parse(type, count, v.Choice),
            BigInteger.Parse(v.Weight, NumberStyles.None, CultureInfo.InvariantCulture),
            v.Timestamp,
            Hex.Decode(v.Id)));
        return VoteTally.Tally(terms.TallySettings(totalWeight), cast);
    }

    private static string Text(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One instant-runoff round as published (see <see cref="RankedChoiceRound"/>).</summary>
public sealed record ResultRound(int Number, IReadOnlyList<string> Totals, string Exhausted, long ExhaustedBallots, string Active, int? Eliminated);
