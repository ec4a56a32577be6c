using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using MLGov.Trust.Credentials;
using MLGov.Trust.Json;

namespace MLGov.Trust.Status;

/// <summary>
/// Checks <c>BitstringStatusListEntry</c> entries (revocation and suspension): fetches the status list credential through
/// an <see cref="IStatusListFetcher"/>, verifies it as a credential of the same issuer (its own signature, validity and
/// type), checks that it is the list the entry names (id, purpose), decodes the bitstring and reads the entry's bit.
/// Verified lists are cached per URL for the smaller of the configured time and the list's <c>ttl</c>. Anything that
/// stops the check (unreachable list, bad signature, another issuer, index out of range) is a failure: unknown status is
/// never taken as "not revoked".
/// </summary>
public sealed class BitstringStatusListChecker : ICredentialStatusChecker
{
    private readonly IStatusListFetcher _fetcher;
    private readonly VcJwtVerifier _listVerifier;
    private readonly StatusListCheckerOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, CachedList> _cache = new(StringComparer.Ordinal);

    /// <param name="listVerifier">Verifies the status list credentials themselves; it needs no status checker of its own.</param>
    public BitstringStatusListChecker(IStatusListFetcher fetcher, VcJwtVerifier listVerifier, StatusListCheckerOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(fetcher);
        ArgumentNullException.ThrowIfNull(listVerifier);
        _fetcher = fetcher;
        _listVerifier = listVerifier;
        _options = options ?? StatusListCheckerOptions.Default;
        _time = time ?? TimeProvider.System;
    }

    public async ValueTask<VerificationCheck> CheckAsync(JsonObject entry, string credentialIssuer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (JsonRead.String(entry, "type") != StatusListCredentials.EntryType)
        {
            return Fail(CredentialErrors.UnsupportedStatus, $"Only {StatusListCredentials.EntryType} entries are checked.");
        }

        var purpose = JsonRead.String(entry, "statusPurpose");
        if (!StatusPurposes.IsSupported(purpose))
        {
            return Fail(CredentialErrors.UnsupportedStatus, $"Status purpose '{purpose}' is not checked; revocation and suspension are.");
        }

        if (entry.ContainsKey("statusSize") && (entry["statusSize"] is not JsonValue size || !size.TryGetValue<int>(out var bits) || bits != 1))
        {
            return Fail(CredentialErrors.UnsupportedStatus, "Only a statusSize of 1 is supported.");
        }

        var indexText = JsonRead.String(entry, "statusListIndex");
        if (indexText is not { Length: > 0 and <= 10 } || !indexText.All(char.IsAsciiDigit) || (indexText.Length > 1 && indexText[0] == '0')
            || !int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return Fail(CredentialErrors.MalformedStatus, "statusListIndex must be a base-10 integer written as a string.");
        }

        // An absolute http(s) URL; on Unix, Uri also reads "/status/1" as an absolute file: URI, which is not one.
        if (!Uri.TryCreate(JsonRead.String(entry, "statusListCredential"), UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return Fail(CredentialErrors.MalformedStatus, "statusListCredential must be an absolute HTTPS URL.");
        }

        var list = await ListAsync(url, purpose!, credentialIssuer, cancellationToken).ConfigureAwait(false);
        if (list.Problem is not null)
        {
            return Fail(list.Error!, list.Problem);
        }

        if (index >= list.List!.Length)
        {
            return Fail(CredentialErrors.MalformedStatus, $"statusListIndex {index} is beyond the list's {list.List.Length} entries.");
        }

        if (!list.List.Get(index))
        {
            return VerificationCheck.Pass(CredentialChecks.Status, $"{purpose}: not set.");
        }

        return purpose == StatusPurposes.Revocation
            ? Fail(CredentialErrors.Revoked, "The credential is revoked.")
            : Fail(CredentialErrors.Suspended, "The credential is suspended.");
    }

    private async ValueTask<CachedList> ListAsync(Uri url, string purpose, string issuer, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var key = url.AbsoluteUri;
        if (_cache.TryGetValue(key, out var cached) && cached.Expires > now)
        {
            return cached.Check(purpose, issuer);
        }

        var fetched = await _fetcher.FetchAsync(url, cancellationToken).ConfigureAwait(false);
        if (fetched.Credential is null)
        {
            return CachedList.Failure(CredentialErrors.StatusUnavailable, "The status list could not be fetched: " + fetched.Problem);
        }

        var verified = await _listVerifier.VerifyAsync(fetched.Credential, new CredentialExpectations(Types: [StatusListCredentials.CredentialType]), cancellationToken)
            .ConfigureAwait(false);
        if (!verified.Verified)
        {
            var failed = verified.Checks.First(c => c.Outcome == CheckOutcome.Failed);
            return CachedList.Failure(CredentialErrors.StatusUnavailable, $"The status list credential does not verify ({failed.Name}: {failed.Error}).");
        }

        if (verified.Id is { } id && id != key)
        {
            return CachedList.Failure(CredentialErrors.StatusUnavailable, $"The status list credential at {key} says it is {id}.");
        }

        var subject = verified.Credential!["credentialSubject"] as JsonObject;
        if (JsonRead.String(subject, "type") != StatusListCredentials.ListType)
        {
            return CachedList.Failure(CredentialErrors.StatusUnavailable, $"The credential's subject is not a {StatusListCredentials.ListType}.");
        }

        var list = BitstringStatusList.TryDecode(JsonRead.String(subject, "encodedList"), out var problem, _options.MaxListBytes);
        if (list is null)
        {
            return CachedList.Failure(CredentialErrors.StatusUnavailable, problem!);
        }

        var purposes = JsonRead.StringOrStrings(subject!["statusPurpose"]) ?? [];
        var ttl = _options.MaxCacheTtl;
        if (subject["ttl"] is JsonValue ttlValue && ttlValue.TryGetValue<long>(out var ttlMs) && ttlMs >= 0 && TimeSpan.FromMilliseconds(ttlMs) < ttl)
        {
            ttl = TimeSpan.FromMilliseconds(ttlMs);
        }

        var entry = new CachedList(list, purposes, verified.Issuer!, now + ttl, null, null);
        if (_cache.Count >= _options.MaxCachedLists)
        {
            _cache.Clear();
        }

        _cache[key] = entry;
        return entry.Check(purpose, issuer);
    }

    private static VerificationCheck Fail(string error, string detail) => VerificationCheck.Fail(CredentialChecks.Status, error, detail);

    private sealed record CachedList(BitstringStatusList? List, IReadOnlyList<string> Purposes, string? Issuer, DateTimeOffset Expires, string? Error, string? Problem)
    {
        public static CachedList Failure(string error, string problem) => new(null, [], null, DateTimeOffset.MinValue, error, problem);

        /// <summary>The list as seen by one entry: it must be the entry's purpose and the credential's own issuer's.</summary>
        public CachedList Check(string purpose, string issuer)
        {
            if (Problem is not null)
            {
                return this;
            }

            if (Issuer != issuer)
            {
                // A list vouches only for its own issuer's credentials; one from anyone else says nothing about this one.
                return Failure(CredentialErrors.StatusUnavailable, $"The status list is issued by {Issuer}, not by the credential's issuer {issuer}.");
            }

            return Purposes.Contains(purpose)
                ? this
                : Failure(CredentialErrors.MalformedStatus, $"The status list is for {string.Join(", ", Purposes)}, not {purpose}.");
        }
    }
}
