using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using MLGov.Core.Errors;
using MLGov.Identity.Issuing;
using MLGov.Trust.Credentials;
using MLGov.Trust.Status;

namespace MLGov.Identity.Credentials;

/// <summary>A signed status list credential and the state of the list it was made from.</summary>
public sealed record SignedStatusList(string Jwt, string ListETag, DateTimeOffset SignedAt);

/// <summary>
/// Serves status list credentials: the list's current bits in a BitstringStatusListCredential (VCDM 2.0, JOSE), signed
/// by the issuer key. A signed list is reused while the list's row is unchanged and it is younger than
/// <see cref="IdentityOptions.StatusListResign"/>, so a busy list costs one signature per change, not per fetch, and a
/// fetch after a revocation always sees it (the row's ETag changed). Valid for a day from signing; <c>ttl</c> tells
/// verifiers how long to cache it.
/// </summary>
public sealed class StatusListPublisher
{
    private static readonly TimeSpan Validity = TimeSpan.FromDays(1);

    private readonly CredentialStore _store;
    private readonly CredentialIssuerKey _issuerKey;
    private readonly IOptions<IdentityOptions> _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, SignedStatusList> _signed = new(StringComparer.Ordinal);

    public StatusListPublisher(CredentialStore store, CredentialIssuerKey issuerKey, IOptions<IdentityOptions> options, TimeProvider time)
    {
        _store = store;
        _issuerKey = issuerKey;
        _options = options;
        _time = time;
    }

    public async Task<SignedStatusList> GetAsync(string listId, Uri baseUrl, CancellationToken cancellationToken)
    {
        if (!StatusListIds.TryParse(listId, out var list, out var purpose))
        {
            throw new NotFoundException($"Status list '{listId}' does not exist: ids are {{n}}-revocation and {{n}}-suspension.");
        }

        var slots = await _store.FindSlotsAsync(list, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"Status list '{listId}' does not exist.");
        var now = _time.GetUtcNow();
        var etag = slots.ETag.ToString();
        if (_signed.TryGetValue(listId, out var cached) && cached.ListETag == etag && now - cached.SignedAt < _options.Value.StatusListResign)
        {
            return cached;
        }

        var issuer = await _issuerKey.GetAsync(cancellationToken).ConfigureAwait(false);
        var url = CredentialStore.StatusListUrl(baseUrl, list)(purpose);
        var draft = StatusListCredentials.Draft(issuer.Did, url, purpose, slots.Value.List(purpose), now, now + Validity, _options.Value.StatusListTtl);
        var jwt = await VcJwtIssuer.IssueAsync(draft, issuer.Signer, issuer.Kid, CredentialFormat.VcdmV2Jose, cancellationToken).ConfigureAwait(false);
        var signed = new SignedStatusList(jwt, etag, now);
        _signed[listId] = signed;
        return signed;
    }
}
