using System.Globalization;
using Microsoft.Extensions.Options;
using MLGov.Identity.Domain.Links;
using MLGov.Platform.Chain.Contracts;
using MLGov.Platform.Chain.Transactions;
using MLGov.Platform.Tables;

namespace MLGov.Identity.Links;

/// <summary>
/// Follows badge mints and revocations as they settle, in the link's own partition (where the intents were recorded):
/// a mined mint records the token id, or, when the link has moved on meanwhile (unlinked, or linked to another DID),
/// asks for the badge's revocation at once; a reverted mint marks the badge failed; a mined revocation marks it revoked.
/// </summary>
public sealed class BadgeOutcomeHandler : IChainIntentOutcomeHandler
{
    private readonly RecordStore<IdentityLink> _links;
    private readonly LinkService _service;
    private readonly IOptions<ContractAddressOptions> _contracts;
    private readonly TimeProvider _time;

    public BadgeOutcomeHandler(TableStores stores, LinkService service, IOptions<ContractAddressOptions> contracts, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(stores);
        _links = stores.Records<IdentityLink>(IdentityApp.Name);
        _service = service;
        _contracts = contracts;
        _time = time;
    }

    public bool HandlesKind(string kind) => kind is BadgeIntents.MintKind or BadgeIntents.RevokeKind;

    public async Task OnSettledAsync(ChainIntentOutcome outcome, PartitionBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(batch);
        var stored = await _links.FindAsync(outcome.SourcePartition, "link", cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return;
        }

        var link = stored.Value;
        var credentialId = BadgeIntents.CredentialOf(outcome.IntentId);
        var current = link.CredentialId == credentialId;
        IdentityLink? next = null;
        if (outcome.Kind == BadgeIntents.MintKind)
        {
            if (!outcome.IsMined)
            {
                next = current ? link with { Badge = BadgeState.Failed } : null;
            }
            else
            {
                var badge = _contracts.Value.SoulboundBadge!;
                var tokenId = await _service.TokenOfAsync(badge, credentialId, cancellationToken).ConfigureAwait(false);
                var stillWanted = current && link.State == LinkState.Linked;
                if (!stillWanted)
                {
                    batch.RequestTransaction(BadgeIntents.Revoke(badge, credentialId, tokenId, current ? "unlinked" : "replaced by a new link"), _time.GetUtcNow());
                }

                next = current
                    ? link with { BadgeTokenId = tokenId.ToString(CultureInfo.InvariantCulture), Badge = stillWanted ? BadgeState.Minted : BadgeState.Revoking }
                    : null;
            }
        }
        else if (current)
        {
            next = link with { Badge = outcome.IsMined ? BadgeState.Revoked : BadgeState.Failed };
        }

        if (next is not null)
        {
            batch.Update(stored, next);
        }
    }
}
