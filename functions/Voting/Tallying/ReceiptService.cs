using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using MLGov.Core.Encoding;
using MLGov.Core.Errors;
using MLGov.Voting.Domain.Tally;
using MLGov.Voting.Proposals;
using MLGov.Voting.Votes;
using MLGov.Voting.Weights;

namespace MLGov.Voting.Tallying;

/// <summary>
/// A voter's receipt: the leaf of their counted vote as the finalizer's <c>verifyVote</c> takes it, its Merkle proof and
/// the root. The tally of a closed proposal is redone from its votes (deterministic) and must give the stored root; it is
/// kept in memory for the next receipts of the same proposal.
/// </summary>
public sealed class ReceiptService
{
    private readonly ProposalStore _proposals;
    private readonly VoteStore _votes;
    private readonly IVoterWeights _weights;
    private readonly int _capacity;
    private readonly ConcurrentDictionary<string, TallyResult> _tallies = new(StringComparer.Ordinal);

    public ReceiptService(ProposalStore proposals, VoteStore votes, IVoterWeights weights, IOptions<VotingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _proposals = proposals;
        _votes = votes;
        _weights = weights;
        _capacity = Math.Max(1, options.Value.TallyCacheSize);
    }

    public async Task<ReceiptResource> GetAsync(string proposalId, string voter, CancellationToken cancellationToken)
    {
        var proposal = (await _proposals.GetAsync(proposalId, cancellationToken).ConfigureAwait(false)).Value;
        if (proposal.Status == ProposalStatus.Open)
        {
            throw new ConflictException("Receipts are given once the proposal is closed and tallied.");
        }

        if (proposal.VotesRoot is null)
        {
            throw new NotFoundException("No vote was counted on this proposal.");
        }

        var key = proposal.ProposalId + "/" + proposal.VotesRoot;
        if (!_tallies.TryGetValue(key, out var tally))
        {
            var terms = proposal.ToTerms();
            var votes = await _votes.AllAsync(proposal.ProposalId, cancellationToken).ConfigureAwait(false);
            var total = await _weights.TotalWeightAsync(terms, cancellationToken).ConfigureAwait(false);
            tally = ProposalResult.Tally(terms, CountedWeights.Counted(votes, CountedWeights.Parse(proposal.Delegated)), total);
            if (tally.VotesRoot is not { } root || !string.Equals(Hex.Encode(root), proposal.VotesRoot, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"The votes of proposal {proposal.ProposalId} no longer give its stored root {proposal.VotesRoot}.");
            }

            if (_tallies.Count >= _capacity)
            {
                _tallies.Clear();
            }

            _tallies[key] = tally;
        }

        var receipt = tally.ReceiptFor(voter);
        var leaf = receipt.Leaf;
        return new ReceiptResource(
            proposal.ProposalId,
            leaf.Voter,
            Hex.Encode(leaf.ChoiceHash.Span),
            leaf.Weight.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [.. receipt.Proof.Select(p => Hex.Encode(p))],
            Hex.Encode(receipt.Root),
            leaf.ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            leaf.Finalizer);
    }
}

/// <summary>
/// A receipt: call the finalizer's <c>verifyVote(proposalId, voter, choiceHash, weight, proof)</c> with these values once
/// the result is finalized. <see cref="Root"/> is the votes root the proof leads to.
/// </summary>
public sealed record ReceiptResource(string ProposalId, string Voter, string ChoiceHash, string Weight, IReadOnlyList<string> Proof, string Root, string ChainId, string Finalizer);
