using System.Globalization;
using System.Numerics;
using Microsoft.Extensions.Options;
using MLGov.Contracts.SoulboundBadge;
using MLGov.Core.Errors;
using MLGov.Core.Events;
using MLGov.Core.Events.Identity;
using MLGov.Core.Identifiers;
using MLGov.Identity.Credentials;
using MLGov.Identity.Domain.Credentials;
using MLGov.Identity.Domain.Links;
using MLGov.Platform.Chain;
using MLGov.Platform.Chain.Contracts;
using MLGov.Platform.Chain.Transactions;
using MLGov.Platform.Identity;
using MLGov.Platform.Tables;
using MLGov.Trust.Dids;
using MLGov.Trust.Jose;
using MLGov.Trust.Presentations;

namespace MLGov.Identity.Links;

/// <summary>
/// Links enterprise accounts to DIDs. The link of an account (Entra tenant and object id) is the row <c>link</c> of the
/// partition <c>links:{tenant}:{object id}</c>; one DID per account and tenant. Linking: the DID's key proves control by
/// signing {nonce, did, aud} with a nonce of this app (consumed once); an EnterpriseMemberCredential is issued; the link,
/// its identity.linked event and, for a DID with an Ethereum address, the badge mint (a chain intent) commit together; a
/// replaced link's credential is revoked and its badge revoked on chain. Unlinking revokes both. A revocation still owed
/// (<see cref="IdentityLink.PendingRevocation"/>) is finished by the next request for the account.
/// </summary>
public sealed class LinkService
{
    private const string Row = "link";

    private readonly RecordStore<IdentityLink> _links;
    private readonly CredentialStore _credentials;
    private readonly IDidResolver _resolver;
    private readonly PresentationChallenges _challenges;
    private readonly IOptions<ContractAddressOptions> _contracts;
    private readonly IChainClient _chain;
    private readonly TimeProvider _time;

    public LinkService(
        TableStores stores, CredentialStore credentials, IDidResolver resolver, PresentationChallenges challenges,
        IOptions<ContractAddressOptions> contracts, IChainClient chain, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(stores);
        _links = stores.Records<IdentityLink>(IdentityApp.Name);
        _credentials = credentials;
        _resolver = resolver;
        _challenges = challenges;
        _contracts = contracts;
        _chain = chain;
        _time = time;
    }

    public static string PartitionOf(EntraPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return $"links:{principal.TenantId}:{principal.ObjectId}";
    }

    public async Task<(StoredRecord<IdentityLink> Link, string? Credential, bool Created)> LinkAsync(EntraPrincipal principal, LinkRequest request, Uri origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(request);
        RequireAccount(principal);
        if (!Did.IsValid(request.Did))
        {
            throw ValidationException.For("did", Did.Problem("did"));
        }

        await VerifyProofAsync(request, cancellationToken).ConfigureAwait(false);
        var partition = PartitionOf(principal);
        var current = await FinishPendingAsync(partition, cancellationToken).ConfigureAwait(false);
        var roles = principal.Roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (current is { Value.State: LinkState.Linked } same && same.Value.Did == request.Did && same.Value.RolesText == string.Join(' ', roles))
        {
            return (same, null, false); // linked already, to the same DID with the same roles
        }

        var now = _time.GetUtcNow();
        var issued = await _credentials.IssueAsync(EnterpriseMembership.Plan(request.Did, principal.TenantId, roles, now), origin, cancellationToken).ConfigureAwait(false);
        var credentialId = issued.Value.CredentialId;
        var holder = DidAccounts.EthereumAddressOf(request.Did);
        var badgeContract = _contracts.Value.SoulboundBadge;
        var mint = holder is not null && badgeContract is not null;
        var previous = current?.Value is { State: LinkState.Linked } linked ? linked : null;
        var link = new IdentityLink(
            principal.TenantId, principal.ObjectId, request.Did, credentialId, string.Join(' ', roles), LinkState.Linked, now, null,
            previous?.CredentialId, holder, null, mint ? BadgeState.Minting : BadgeState.None);

        var batch = await _links.BatchAsync(partition, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            batch.Add(Row, link);
        }
        else
        {
            batch.Update(current, link);
        }

        if (mint)
        {
            batch.RequestTransaction(BadgeIntents.Mint(badgeContract!, holder!, credentialId), now);
        }

        if (previous is not null)
        {
            await RevokeBadgeAsync(batch, previous, "replaced by a new link", cancellationToken).ConfigureAwait(false);
        }

        batch.Publish(new IdentityLinkedV1(principal.TenantId, principal.ObjectId, request.Did, credentialId, roles, mint ? holder : null, previous?.Did, now), EventIds.New(now), now);
        try
        {
            await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ConflictException)
        {
            // Another link request for this account won; the credential issued for this one must not stay valid.
            await _credentials.ChangeStatusAsync(credentialId, StatusAction.Revoke, "link request lost to a concurrent one", cancellationToken).ConfigureAwait(false);
            throw new ConflictException("Another link request for this account was processed at the same time; retry with a new challenge.");
        }

        var stored = new StoredRecord<IdentityLink>(link, partition, Row, batch.ETagOf(Row));
        stored = await FinishPendingAsync(stored, cancellationToken).ConfigureAwait(false);
        return (stored, issued.Value.Token, true);
    }

    public async Task<StoredRecord<IdentityLink>> UnlinkAsync(EntraPrincipal principal, string did, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        RequireAccount(principal);
        var partition = PartitionOf(principal);
        var current = await FinishPendingAsync(partition, cancellationToken).ConfigureAwait(false);
        if (current is not { Value.State: LinkState.Linked } linked || linked.Value.Did != did)
        {
            throw new NotFoundException($"Your account is not linked to '{did}'.");
        }

        var now = _time.GetUtcNow();
        var batch = await _links.BatchAsync(partition, cancellationToken).ConfigureAwait(false);
        var badge = await RevokeBadgeAsync(batch, linked.Value, "unlinked", cancellationToken).ConfigureAwait(false);
        var next = linked.Value with { State = LinkState.Unlinked, UnlinkedAt = now, PendingRevocation = linked.Value.CredentialId, Badge = badge };
        batch.Update(linked, next)
            .Publish(new IdentityUnlinkedV1(principal.TenantId, principal.ObjectId, did, linked.Value.CredentialId, now), EventIds.New(now), now);
        await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
        return await FinishPendingAsync(new StoredRecord<IdentityLink>(next, partition, Row, batch.ETagOf(Row)), cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredRecord<IdentityLink>> GetAsync(EntraPrincipal principal, CancellationToken cancellationToken)
    {
        RequireAccount(principal);
        return await FinishPendingAsync(PartitionOf(principal), cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException("Your account is not linked to a DID.");
    }

    /// <summary>
    /// Adds the revocation of <paramref name="link"/>'s badge to <paramref name="batch"/> when it was minted (its token id
    /// read from the contract); a mint still in flight is revoked by <see cref="BadgeOutcomeHandler"/> once it settles.
    /// </summary>
    private async Task<BadgeState> RevokeBadgeAsync(PartitionBatch batch, IdentityLink link, string reason, CancellationToken cancellationToken)
    {
        if (link.Badge != BadgeState.Minted || _contracts.Value.SoulboundBadge is not { } badge)
        {
            return link.Badge;
        }

        var tokenId = link.BadgeTokenId is { } known
            ? BigInteger.Parse(known, CultureInfo.InvariantCulture)
            : await TokenOfAsync(badge, link.CredentialId, cancellationToken).ConfigureAwait(false);
        batch.RequestTransaction(BadgeIntents.Revoke(badge, link.CredentialId, tokenId, reason), _time.GetUtcNow());
        return BadgeState.Revoking;
    }

    public Task<BigInteger> TokenOfAsync(string badge, string credentialId, CancellationToken cancellationToken) =>
        _chain.QueryValueAsync<TokenOfCredentialFunction, BigInteger>(badge, new TokenOfCredentialFunction { CredentialId = BadgeIntents.CredentialHash(credentialId) }, cancellationToken);

    private async Task<StoredRecord<IdentityLink>?> FinishPendingAsync(string partition, CancellationToken cancellationToken)
    {
        var stored = await _links.FindAsync(partition, Row, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : await FinishPendingAsync(stored, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Revokes the credential a link still owes a revocation (idempotent), then clears the debt.</summary>
    private async Task<StoredRecord<IdentityLink>> FinishPendingAsync(StoredRecord<IdentityLink> stored, CancellationToken cancellationToken)
    {
        if (stored.Value.PendingRevocation is not { } owed)
        {
            return stored;
        }

        var reason = stored.Value.State == LinkState.Unlinked ? "unlinked" : "replaced by a new link";
        await _credentials.ChangeStatusAsync(owed, StatusAction.Revoke, reason, cancellationToken).ConfigureAwait(false);
        var next = stored.Value with { PendingRevocation = null };
        var batch = await _links.BatchAsync(stored.PartitionKey, cancellationToken).ConfigureAwait(false);
        batch.Update(stored, next);
        try
        {
            await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
            return stored with { Value = next, ETag = batch.ETagOf(stored.RowKey) };
        }
        catch (ConflictException)
        {
            // Someone else changed the link meanwhile (and finished the revocation, or owes it now): read what is there.
            return await _links.FindAsync(stored.PartitionKey, stored.RowKey, cancellationToken).ConfigureAwait(false) ?? stored;
        }
    }

    private async Task VerifyProofAsync(LinkRequest request, CancellationToken cancellationToken)
    {
        var jws = CompactJws.TryParse(request.Proof, out var problem)
            ?? throw new UnauthorizedException("The proof is not a compact JWS: " + problem);
        if (!DidUrl.TryParseMethodReference(jws.Kid, out var kid, out _) || kid!.Did != request.Did)
        {
            throw new UnauthorizedException("The proof must be signed by a key of the DID being linked (its kid a DID URL of that DID).");
        }

        var check = await DidJwsVerifier.VerifyAsync(_resolver, jws, VerificationRelationships.Authentication, cancellationToken).ConfigureAwait(false);
        if (check.Outcome != Trust.Credentials.CheckOutcome.Passed)
        {
            throw new UnauthorizedException($"The proof does not verify: {check.Error} ({check.Detail}).");
        }

        var proof = LinkProof.Read(jws.Payload, request.Did, _challenges.Audience);
        var consumed = await _challenges.Nonces.ConsumeAsync(proof.Nonce, cancellationToken).ConfigureAwait(false);
        if (consumed != NonceConsumption.Consumed)
        {
            throw new UnauthorizedException(consumed switch
            {
                NonceConsumption.Expired => "The proof's nonce has expired; ask for a new challenge.",
                NonceConsumption.AlreadyUsed => "The proof's nonce was used before.",
                _ => "The proof's nonce was not issued here.",
            });
        }
    }

    private static void RequireAccount(EntraPrincipal principal)
    {
        if (!Guid.TryParseExact(principal.TenantId, "D", out _) || !Guid.TryParseExact(principal.ObjectId, "D", out _))
        {
            throw new UnauthorizedException("The token's tid and oid must be GUIDs.");
        }
    }
}
