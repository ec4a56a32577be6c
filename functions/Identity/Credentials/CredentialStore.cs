using System.Globalization;
using System.Text.Json;
using MLGov.Core.Errors;
using MLGov.Core.Events;
using MLGov.Core.Events.Identity;
using MLGov.Identity.Domain.Credentials;
using MLGov.Identity.Domain.StatusLists;
using MLGov.Identity.Issuing;
using MLGov.Platform.Tables;
using MLGov.Trust.Credentials;
using MLGov.Trust.Status;

namespace MLGov.Identity.Credentials;

/// <summary>
/// Issued credentials and the status lists that publish their state, in the identity table. Status list <c>n</c> is the
/// partition <c>statuslist:{n}</c>: the row <c>slots</c> (<see cref="StatusListSlots"/>) and one row per credential
/// holding a slot of it. Issuing takes a random free slot, signs, and commits the slots, the credential and its
/// credential.issued event in one transaction; a status change commits the bit, the credential and its event the same
/// way. Conflicting writers re-read and try again. The partition <c>statuslists</c> row <c>current</c> names the list
/// new credentials go to; when it is full the next one is started.
/// </summary>
public sealed class CredentialStore
{
    private const string SlotsRow = "slots";
    private const string PointerPartition = "statuslists";
    private const string PointerRow = "current";
    private const int MaxAttempts = 40;

    private readonly RecordStore<IssuedCredential> _credentials;
    private readonly RecordStore<StatusListSlots> _slots;
    private readonly RecordStore<CurrentStatusList> _pointer;
    private readonly CredentialIssuerKey _issuerKey;
    private readonly TimeProvider _time;

    public CredentialStore(TableStores stores, CredentialIssuerKey issuerKey, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(stores);
        _credentials = stores.Records<IssuedCredential>(IdentityApp.Name);
        _slots = stores.Records<StatusListSlots>(IdentityApp.Name);
        _pointer = stores.Records<CurrentStatusList>(IdentityApp.Name);
        _issuerKey = issuerKey;
        _time = time;
    }

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * Math.Min(attempt, 10)));

    public static string PartitionOf(int list) => "statuslist:" + list.ToString(CultureInfo.InvariantCulture);

    public static string RowOf(string credentialId) => "credential:" + credentialId;

    /// <summary>
    /// Issues a planned credential under <paramref name="baseUrl"/> (the app's public origin), optionally adding more
    /// to the same transaction (<paramref name="alongside"/>, for the enterprise link). Returns it as stored.
    /// </summary>
    public async Task<StoredRecord<IssuedCredential>> IssueAsync(CredentialPlan plan, Uri baseUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var issuer = await _issuerKey.GetAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var list = await CurrentListAsync(cancellationToken).ConfigureAwait(false);
            var partition = PartitionOf(list);
            var stored = await _slots.FindAsync(partition, SlotsRow, cancellationToken).ConfigureAwait(false);
            var slots = stored?.Value ?? StatusListSlots.New(list);
            if (slots.IsFull())
            {
                await StartNextListAsync(list, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var (next, index) = slots.Allocate();
            var now = _time.GetUtcNow();
            var credentialId = CredentialIds.New(list);
            var statusUrl = StatusListUrl(baseUrl, list);
            var draft = new CredentialDraft(
                issuer.Did,
                plan.Subject,
                plan.Types,
                plan.Claims,
                plan.ValidFrom,
                plan.ValidUntil,
                Id: CredentialUrl(baseUrl, credentialId).AbsoluteUri,
                Status: new System.Text.Json.Nodes.JsonArray(
                    StatusListCredentials.Entry(statusUrl(StatusPurposes.Revocation), StatusPurposes.Revocation, index),
                    StatusListCredentials.Entry(statusUrl(StatusPurposes.Suspension), StatusPurposes.Suspension, index)));
            var token = await VcJwtIssuer.IssueAsync(draft, issuer.Signer, issuer.Kid, plan.Format, cancellationToken).ConfigureAwait(false);
            var credential = new IssuedCredential(
                credentialId, issuer.Did, plan.Subject, string.Join(' ', plan.Types), CredentialFormats.Name(plan.Format),
                plan.Claims.ToJsonString(), plan.ValidFrom, plan.ValidUntil, now, list, index, CredentialState.Active, null, null, token);

            var batch = await _credentials.BatchAsync(partition, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                batch.Add(SlotsRow, next);
            }
            else
            {
                batch.Update(stored, next);
            }

            batch.Add(RowOf(credentialId), credential)
                .Publish(new CredentialIssuedV1(credentialId, issuer.Did, plan.Subject, plan.Types, credential.Format, plan.ValidFrom, plan.ValidUntil,
                    statusUrl(StatusPurposes.Revocation).AbsoluteUri, index, now), EventIds.New(now), now);
            try
            {
                await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new StoredRecord<IssuedCredential>(credential, partition, RowOf(credentialId), batch.ETagOf(RowOf(credentialId)));
            }
            catch (ConflictException) when (attempt < MaxAttempts)
            {
                // Another credential took a slot of this list meanwhile (or started it): read it again, after a
                // random pause that grows with the attempts, so that writers racing for one list spread out.
                await Task.Delay(Backoff(attempt), _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<StoredRecord<IssuedCredential>> GetAsync(string credentialId, CancellationToken cancellationToken)
    {
        var list = CredentialIds.ListOf(credentialId);
        return await _credentials.FindAsync(PartitionOf(list), RowOf(credentialId), cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException($"Credential '{credentialId}' does not exist.");
    }

    /// <summary>Revokes, suspends or reinstates a credential: its bit, its row and its event in one transaction. Repeating a change changes nothing.</summary>
    public async Task<StatusDecision> ChangeStatusAsync(string credentialId, StatusAction action, string? reason, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await GetAsync(credentialId, cancellationToken).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            var decision = CredentialStatusChange.Decide(stored.Value, action, reason, now);
            if (!decision.Changed)
            {
                return decision;
            }

            var slots = await _slots.FindAsync(stored.PartitionKey, SlotsRow, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"Status list partition '{stored.PartitionKey}' has no slots row.");
            var credential = decision.Credential;
            var bits = action switch
            {
                StatusAction.Revoke => slots.Value.With(StatusPurposes.Revocation, credential.StatusIndex, true),
                StatusAction.Suspend => slots.Value.With(StatusPurposes.Suspension, credential.StatusIndex, true),
                _ => slots.Value.With(StatusPurposes.Suspension, credential.StatusIndex, false),
            };

            var batch = await _credentials.BatchAsync(stored.PartitionKey, cancellationToken).ConfigureAwait(false);
            batch.Update(slots, bits).Update(stored, credential);
            if (action == StatusAction.Revoke)
            {
                batch.Publish(new CredentialRevokedV1(credential.CredentialId, credential.Issuer, credential.Subject, reason, now), EventIds.New(now), now);
            }
            else
            {
                batch.Publish(new CredentialSuspensionChangedV1(credential.CredentialId, credential.Issuer, credential.Subject, action == StatusAction.Suspend, reason, now), EventIds.New(now), now);
            }

            try
            {
                await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
                return decision;
            }
            catch (ConflictException) when (attempt < MaxAttempts)
            {
                await Task.Delay(Backoff(attempt), _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The slots of status list <paramref name="list"/>, or null when no credential has been issued on it.</summary>
    public Task<StoredRecord<StatusListSlots>?> FindSlotsAsync(int list, CancellationToken cancellationToken) =>
        _slots.FindAsync(PartitionOf(list), SlotsRow, cancellationToken);

    public static Uri CredentialUrl(Uri baseUrl, string credentialId) => new(baseUrl, "api/identity/credentials/" + credentialId);

    /// <summary>The URL of list <paramref name="list"/>'s status list credential for a purpose: <c>/api/identity/status/{list}-{purpose}</c>.</summary>
    public static Func<string, Uri> StatusListUrl(Uri baseUrl, int list) =>
        purpose => new Uri(baseUrl, "api/identity/status/" + StatusListIds.Format(list, purpose));

    private async Task<int> CurrentListAsync(CancellationToken cancellationToken) =>
        (await _pointer.FindAsync(PointerPartition, PointerRow, cancellationToken).ConfigureAwait(false))?.Value.List ?? 1;

    private async Task StartNextListAsync(int full, CancellationToken cancellationToken)
    {
        var stored = await _pointer.FindAsync(PointerPartition, PointerRow, cancellationToken).ConfigureAwait(false);
        if (stored is not null && stored.Value.List != full)
        {
            return; // someone else moved on already
        }

        var batch = await _pointer.BatchAsync(PointerPartition, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            batch.Add(PointerRow, new CurrentStatusList(full + 1));
        }
        else
        {
            batch.Update(stored, new CurrentStatusList(full + 1));
        }

        try
        {
            await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ConflictException)
        {
            // Another writer moved the pointer at the same time; either way it has moved on.
        }
    }
}

/// <summary>The status list new credentials take their slots from.</summary>
public sealed record CurrentStatusList(int List);

/// <summary>Status list ids in URLs: <c>{list}-revocation</c> and <c>{list}-suspension</c>.</summary>
public static class StatusListIds
{
    public static string Format(int list, string purpose) => list.ToString(CultureInfo.InvariantCulture) + "-" + purpose;

    public static bool TryParse(string? id, out int list, out string purpose)
    {
        list = 0;
        purpose = string.Empty;
        var dash = id?.IndexOf('-', StringComparison.Ordinal) ?? -1;
        if (dash < 1 || !int.TryParse(id.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out list) || list <= 0)
        {
            return false;
        }

        purpose = id![(dash + 1)..];
        return StatusPurposes.IsSupported(purpose);
    }
}
