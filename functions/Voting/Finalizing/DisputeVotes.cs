using System.Text;
using MLGov.Core.Encoding;
using MLGov.Core.Errors;
using MLGov.Core.Hashing;
using MLGov.Platform.Tables;
using MLGov.Voting.Domain.Proposals;
using MLGov.Voting.Proposals;
using MLGov.Voting.Spaces;

namespace MLGov.Voting.Finalizing;

/// <summary>
/// Opens the vote that decides a dispute: a basic proposal in the same space, "Does the posted result of … stand?" (for: it
/// stands; against: it is wrong), voting from now for the space's voting period, with the disputed proposal's weight
/// strategies, snapshot and eligibility. Its id is keccak256("dispute" ‖ disputed id ‖ round), so opening it again (after a
/// crash) finds the one opened before. Finalizing it schedules <c>resolveDispute</c> through the timelock.
/// </summary>
public sealed class DisputeVotes
{
    private readonly SpaceStore _spaces;
    private readonly ProposalStore _proposals;
    private readonly TimeProvider _time;

    public DisputeVotes(SpaceStore spaces, ProposalStore proposals, TimeProvider time)
    {
        _spaces = spaces;
        _proposals = proposals;
        _time = time;
    }

    public static string IdOf(string disputedId, uint round) =>
        Hex.Encode(Keccak256.Compute(Encoding.ASCII.GetBytes($"dispute:{disputedId.ToLowerInvariant()}:{round}")));

    public async Task<string> OpenAsync(ProposalRecord disputed, ProposalDefinition terms, string challenger, string reason, uint round, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(disputed);
        ArgumentNullException.ThrowIfNull(terms);
        var id = IdOf(terms.Id, round);
        var space = (await _spaces.GetAsync(terms.Space, cancellationToken).ConfigureAwait(false)).ToDefinition();
        var now = _time.GetUtcNow();
        var request = new ProposalRequest(
            terms.Space,
            Truncate("Dispute: does the result of “" + terms.Title + "” stand?", ProposalRules.MaxTitleLength),
            terms.Snapshot,
            now,
            Truncate($"{challenger} disputed the result posted for proposal {terms.Id} (result hash {disputed.ResultHash}, votes root {disputed.VotesRoot}): {reason}\n\nVote **for** if the posted result stands, **against** if it is wrong.", ProposalRules.MaxBodyLength),
            Type: "basic",
            Strategies: terms.Strategies,
            Eligibility: terms.Eligibility,
            VotesMayChange: terms.VotesMayChange);
        var dispute = ProposalRules.Plan(space, request, id, "urn:mlgov:voting", now);
        try
        {
            await _proposals.CreateAsync(dispute, cancellationToken, disputedProposalId: terms.Id).ConfigureAwait(false);
        }
        catch (AlreadyExistsException)
        {
            // opened before
        }

        return id;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
