using System.Security.Cryptography;
using MLGov.Core.Encoding;
using MLGov.Core.Errors;
using MLGov.Platform.Identity;
using MLGov.Voting.Domain.Proposals;
using MLGov.Voting.Domain.Spaces;
using MLGov.Voting.Domain.Votes;
using MLGov.Voting.Spaces;
using MLGov.Voting.Weights;

namespace MLGov.Voting.Proposals;

/// <summary>
/// Opens proposals under their space's rule. The author proves who they are with a presentation
/// (<c>Authorization: VP …</c>) of the space's proposer credential, or with a DID signature over the body
/// (<c>Body-Signature</c>): then the DID must be an admin of the space, or have at least the space's minimum weight at
/// the proposal's snapshot.
/// </summary>
public sealed class ProposalService
{
    private readonly SpaceStore _spaces;
    private readonly ProposalStore _proposals;
    private readonly IVoterWeights _weights;
    private readonly SnapshotWeights _snapshots;
    private readonly CallerVerifier _callers;
    private readonly SignedBodyVerifier _signatures;
    private readonly TimeProvider _time;

    public ProposalService(SpaceStore spaces, ProposalStore proposals, IVoterWeights weights, SnapshotWeights snapshots, CallerVerifier callers, SignedBodyVerifier signatures, TimeProvider time)
    {
        _snapshots = snapshots;
        _spaces = spaces;
        _proposals = proposals;
        _weights = weights;
        _callers = callers;
        _signatures = signatures;
        _time = time;
    }

    public async Task<ProposalRecord> CreateAsync(
        string spaceId, ProposalRequest request, ReadOnlyMemory<byte> body, string? authorization, string? bodySignature, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var space = (await _spaces.GetAsync(spaceId, cancellationToken).ConfigureAwait(false)).ToDefinition();
        var now = _time.GetUtcNow();
        var id = Hex.Encode(RandomNumberGenerator.GetBytes(32));
        string author;
        ProposalDefinition terms;
        if (!string.IsNullOrEmpty(authorization))
        {
            var rule = space.Proposers;
            if (rule.CredentialType is null)
            {
                throw new UnauthorizedException("This space takes proposals signed by a DID (Body-Signature), not presentations.");
            }

            author = (await _callers.VerifyAsync(authorization, rule.CredentialType, rule.Issuers!, cancellationToken).ConfigureAwait(false)).Did;
            terms = ProposalRules.Plan(space, request, id, author, now);
            await _snapshots.CheckAsync(terms, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            author = await _signatures.VerifyAsync(bodySignature, body, cancellationToken).ConfigureAwait(false);
            terms = ProposalRules.Plan(space, request, id, author, now);
            await _snapshots.CheckAsync(terms, cancellationToken).ConfigureAwait(false);
            if (!space.Admins.Contains(author, StringComparer.Ordinal))
            {
                var minimum = space.Proposers.MinimumWeightValue
                    ?? throw new ForbiddenException($"{author} is not an admin of space '{space.Id}', and the space takes proposals from holders of a {space.Proposers.CredentialType} (send a presentation).");
                var weight = await _weights.WeightOfAsync(terms, DidVoters.AddressOf(author), credentialShown: false, cancellationToken).ConfigureAwait(false);
                if (weight < minimum)
                {
                    throw new ForbiddenException($"{author} has weight {weight} at block {terms.Snapshot}; proposing in space '{space.Id}' takes {minimum}.");
                }
            }
        }

        return await _proposals.CreateAsync(terms, cancellationToken).ConfigureAwait(false);
    }
}
