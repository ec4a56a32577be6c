using MLGov.Core.Errors;
using MLGov.Platform.Identity;
using MLGov.Trust.Credentials;
using MLGov.Trust.Dids;
using MLGov.Trust.Jose;
using MLGov.Voting.Domain.Proposals;
using MLGov.Voting.Domain.Votes;
using MLGov.Voting.Proposals;
using MLGov.Voting.Weights;

namespace MLGov.Voting.Votes;

/// <summary>
/// Takes a vote: the proposal must be open; the vote's signature and terms are checked (<see cref="VoteChecks"/>); when
/// the proposal requires a credential, the request must carry a presentation (<c>Authorization: VP …</c>) of it by the
/// voter; the voter must have weight at the snapshot; then the vote is recorded (<see cref="VoteStore"/>). Every refusal
/// is a 4xx that records nothing.
/// </summary>
public sealed class VoteIntake
{
    private readonly ProposalStore _proposals;
    private readonly VoteStore _votes;
    private readonly IVoterWeights _weights;
    private readonly CountedWeights _counted;
    private readonly CallerVerifier _callers;
    private readonly IDidResolver _resolver;
    private readonly TimeProvider _time;

    public VoteIntake(ProposalStore proposals, VoteStore votes, IVoterWeights weights, CountedWeights counted, CallerVerifier callers, IDidResolver resolver, TimeProvider time)
    {
        _counted = counted;
        _proposals = proposals;
        _votes = votes;
        _weights = weights;
        _callers = callers;
        _resolver = resolver;
        _time = time;
    }

    public async Task<(VoteRecord Vote, bool Changed)> CastAsync(string proposalId, VoteRequest request, string? authorization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var proposal = (await _proposals.GetAsync(proposalId, cancellationToken).ConfigureAwait(false)).Value;
        var now = _time.GetUtcNow();
        if (proposal.Status != ProposalStatus.Open || !(now >= proposal.Start && now < proposal.End))
        {
            throw new ConflictException(now < proposal.Start
                ? $"Voting on this proposal starts at {proposal.Start:O}."
                : $"Voting on this proposal ended at {proposal.End:O}.");
        }

        var terms = proposal.ToTerms();
        var vote = await CheckAsync(terms, request, now, cancellationToken).ConfigureAwait(false);
        var credentialShown = false;
        if (terms.Eligibility is { } eligibility)
        {
            var caller = await _callers.VerifyAsync(authorization, eligibility.CredentialType, eligibility.Issuers, cancellationToken).ConfigureAwait(false);
            var presenter = vote.Did is null ? DidVoters.AddressOf(caller.Did) : caller.Did;
            if (!string.Equals(presenter, vote.Did ?? vote.Voter, StringComparison.OrdinalIgnoreCase))
            {
                throw new ForbiddenException($"The presentation is by {caller.Did}, not by the voter {vote.Did ?? vote.Voter}.");
            }

            credentialShown = true;
        }

        var weight = await _weights.WeightOfAsync(terms, vote.Voter, credentialShown, cancellationToken).ConfigureAwait(false);
        if (weight.Sign <= 0 && !await _counted.ReceivesAsync(terms.Space, vote.Voter, cancellationToken).ConfigureAwait(false))
        {
            throw new ForbiddenException($"{vote.Did ?? vote.Voter} has no voting weight on this proposal at block {terms.Snapshot}, and nobody delegates to it.");
        }

        return await _votes.CastAsync(VoteRecord.Of(terms.Id, vote, weight, now), terms.VotesMayChange, cancellationToken).ConfigureAwait(false);
    }

    private async Task<AcceptedVote> CheckAsync(ProposalDefinition terms, VoteRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (request.TypedData is { } typedData && request.Jws is null)
        {
            return VoteChecks.CheckTypedData(terms, typedData, request.Signature, now);
        }

        if (request.Jws is { } compact && request.TypedData is null && request.Signature is null)
        {
            var jws = CompactJws.TryParse(compact, out var problem) ?? throw ValidationException.For("jws", "The vote is not a compact JWS: " + problem);
            var vote = VoteChecks.ReadJwsPayload(terms, jws.Payload, compact, now);
            if (!DidUrl.TryParseMethodReference(jws.Kid, out var kid, out _) || kid!.Did != vote.Did)
            {
                throw ValidationException.For("jws", "The vote must be signed by a key of the voting DID (its kid a DID URL of that DID).");
            }

            var check = await DidJwsVerifier.VerifyAsync(_resolver, jws, VerificationRelationships.Authentication, cancellationToken).ConfigureAwait(false);
            if (check.Outcome != CheckOutcome.Passed)
            {
                throw ValidationException.For("jws", $"The vote's signature does not verify: {check.Error} ({check.Detail}).");
            }

            return vote;
        }

        throw ValidationException.For(string.Empty, "A vote is either {typedData, signature} or {jws}.");
    }
}
