using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using Nethereum.Util;

namespace MLGov.Platform.Chain.Signing;

/// <summary>
/// Signs with an EC secp256k1 key (curve P-256K) that never leaves Azure Key Vault, through the documented
/// REST API (get key, sign with ES256K; api-version 7.4 by default) with a token from an Azure.Identity
/// credential, in Azure the app's managed identity. The public key read once gives the address; each
/// signature comes back as r || s, is normalised to low-s and gets the recovery id that recovers that key.
/// <para>
/// Authentication follows Key Vault's challenge protocol: the first request goes without a token, the 401
/// challenge names the resource (and tenant) to get a token for, and that resource must be the vault's own
/// domain, so a wrong or hostile endpoint can never obtain a token for something else.
/// </para>
/// <para>
/// Failures are <see cref="ChainSignerException"/>: 429, 408, 5xx, timeouts and lost connections are
/// transient (with the service's Retry-After when it sent one); 400, 401, 403, 404, a key of the wrong
/// type and a signature that does not recover the key are permanent. 5xx, timeouts and lost connections are
/// retried a few times inside the call (<see cref="ChainSignerOptions.MaxRetries"/>); throttling is left to
/// the caller's backoff.
/// </para>
/// </summary>
public sealed partial class KeyVaultSigner : IChainSigner, IDisposable
{
    private const string SignatureAlgorithm = "ES256K";

    private readonly ChainSignerOptions _options;
    private readonly KeyVaultKeyIdentifier _keyId;
    private readonly TokenCredential _credential;
    private readonly ILogger<KeyVaultSigner> _logger;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _loadLock = new(1, 1);
    private volatile LoadedKey? _key;
    private volatile Challenge? _challenge;
    private volatile CachedToken? _token;

    /// <param name="options">Needs <see cref="ChainSignerOptions.KeyVaultKeyId"/>.</param>
    /// <param name="credential">Source of tokens for Key Vault (a managed identity in Azure).</param>
    /// <param name="logger">Where key reads, challenges and retries are logged.</param>
    /// <param name="handler">HTTP handler; a pooled <see cref="SocketsHttpHandler"/> when null.</param>
    /// <param name="timeProvider">Clock for token expiry and retry delays.</param>
    public KeyVaultSigner(ChainSignerOptions options, TokenCredential credential, ILogger<KeyVaultSigner> logger, HttpMessageHandler? handler = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(logger);
        if (options.KeyVaultKeyId is null)
        {
            throw new ArgumentException("A Key Vault key id is needed.", nameof(options));
        }

        if (!KeyVaultKeyIdentifier.TryParse(options.KeyVaultKeyId, out var keyId, out var problem))
        {
            throw new ArgumentException($"The Key Vault key id is refused: {problem}", nameof(options));
        }

        _options = options;
        _keyId = keyId;
        _credential = credential;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: handler is null)
        {
            Timeout = Timeout.InfiniteTimeSpan,
            MaxResponseContentBufferSize = 1 << 20,
        };
    }

    /// <summary>
    /// The key's address, once the key has been read; before that the configured
    /// <see cref="ChainSignerOptions.ExpectedAddress"/>, or a transient <see cref="ChainSignerException"/>.
    /// </summary>
    public string Address =>
        _key?.Address
        ?? (_options.ExpectedAddress is { } expected ? AddressUtil.Current.ConvertToChecksumAddress(expected) : null)
        ?? throw new ChainSignerException("The Key Vault key has not been read yet, so its address is not known.", isTransient: true);

    /// <summary>The versioned key id signing uses, once the key has been read.</summary>
    public Uri? KeyId => _key?.Id.KeyUri;

    /// <summary>Reads the key (once) so that <see cref="Address"/> is known; signing does this itself when needed.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken) => await LoadKeyAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask<ChainSignature> SignDigestAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken)
    {
        if (digest.Length != 32)
        {
            throw new ArgumentException("The digest is 32 bytes.", nameof(digest));
        }

        var key = await LoadKeyAsync(cancellationToken).ConfigureAwait(false);
        var body = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["alg"] = SignatureAlgorithm,
            ["value"] = Base64Url.EncodeToString(digest.Span),
        });
        using var result = await CallAsync(HttpMethod.Post, WithApiVersion(new Uri(key.Id.KeyUri + "/sign")), body, "sign", cancellationToken).ConfigureAwait(false);

        var root = result.RootElement;
        if (root.TryGetProperty("kid", out var kid) && !(_keyId.TryReadVersionedKid(kid.GetString(), out var signedWith) && signedWith == key.Id))
        {
            throw new ChainSignerException($"Key Vault signed with {kid.GetString()}, not with {key.Id.KeyUri}.", isTransient: false);
        }

        var rs = ReadBase64Url(root, "value", "sign");
        return Secp256k1Signature.ToRecoverable(rs, digest.Span, key.PublicKey)
            ?? throw new ChainSignerException(
                $"The signature Key Vault returned ({rs.Length} bytes) does not recover the public key of {key.Id.KeyUri}: it is malformed or made by another key.",
                isTransient: false);
    }

    public void Dispose()
    {
        _http.Dispose();
        _loadLock.Dispose();
    }

    private static Uri ToScopeResource(string scope) =>
        new(scope.EndsWith("/.default", StringComparison.Ordinal) ? scope[..^"/.default".Length] : scope);

    private static byte[] ReadBase64Url(JsonElement element, string property, string operation)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.String)
        {
            throw new ChainSignerException($"Key Vault's {operation} response has no '{property}'.", isTransient: false);
        }

        try
        {
            return Base64Url.DecodeFromChars(value.GetString());
        }
        catch (FormatException exception)
        {
            throw new ChainSignerException($"Key Vault's {operation} response has a '{property}' that is not base64url.", isTransient: false, exception);
        }
    }

    private static byte[] Coordinate(JsonElement key, string name)
    {
        var bytes = ReadBase64Url(key, name, "get key");
        if (bytes.Length is 0 or > 32)
        {
            throw new ChainSignerException($"The key's '{name}' coordinate is {bytes.Length} bytes, not 32.", isTransient: false);
        }

        var padded = new byte[32];
        bytes.CopyTo(padded.AsSpan(32 - bytes.Length));
        return padded;
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private Uri WithApiVersion(Uri uri) => new(uri + "?api-version=" + Uri.EscapeDataString(_options.ApiVersion));

    private async ValueTask<LoadedKey> LoadKeyAsync(CancellationToken cancellationToken)
    {
        if (_key is { } key)
        {
            return key;
        }

        await _loadLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_key is { } loadedMeanwhile)
            {
                return loadedMeanwhile;
            }

            using var result = await CallAsync(HttpMethod.Get, WithApiVersion(_keyId.KeyUri), null, "get key", cancellationToken).ConfigureAwait(false);
            var loaded = ReadKey(result.RootElement);
            if (_options.ExpectedAddress is { } expected && !string.Equals(expected, loaded.Address, StringComparison.OrdinalIgnoreCase))
            {
                throw new ChainSignerException($"The key {loaded.Id.KeyUri} has address {loaded.Address}, not the expected {expected}.", isTransient: false);
            }

            _key = loaded;
            LogKeyRead(_logger, loaded.Id.KeyUri, loaded.Address);
            return loaded;
        }
        finally
        {
            _loadLock.Release();
        }
    }

    private LoadedKey ReadKey(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("key", out var key) || key.ValueKind != JsonValueKind.Object)
        {
            throw new ChainSignerException("Key Vault's get-key response has no 'key'.", isTransient: false);
        }

        var kid = StringProperty(key, "kid");
        if (!_keyId.TryReadVersionedKid(kid, out var versioned))
        {
            // Signing goes to this id with a token: it must be the configured key on the configured vault.
            throw new ChainSignerException($"Key Vault returned the key id '{kid}', which is not a version of {_keyId.KeyUri}.", isTransient: false);
        }

        var kty = StringProperty(key, "kty");
        var crv = StringProperty(key, "crv");
        if (kty is not ("EC" or "EC-HSM") || crv != "P-256K")
        {
            throw new ChainSignerException($"The key {versioned.KeyUri} is {kty ?? "?"}/{crv ?? "?"}; a chain account needs an EC key on curve P-256K (secp256k1).", isTransient: false);
        }

        if (key.TryGetProperty("key_ops", out var operations) && operations.ValueKind == JsonValueKind.Array
            && !operations.EnumerateArray().Any(o => o.ValueKind == JsonValueKind.String && o.GetString() == "sign"))
        {
            throw new ChainSignerException($"The key {versioned.KeyUri} does not permit the sign operation.", isTransient: false);
        }

        if (root.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object
            && attributes.TryGetProperty("enabled", out var enabled) && enabled.ValueKind == JsonValueKind.False)
        {
            throw new ChainSignerException($"The key {versioned.KeyUri} is disabled.", isTransient: false);
        }

        var x = Coordinate(key, "x");
        var y = Coordinate(key, "y");
        if (!Secp256k1Signature.IsOnCurve(x, y))
        {
            throw new ChainSignerException($"The public key of {versioned.KeyUri} is not a point of secp256k1.", isTransient: false);
        }

        var publicKey = new byte[64];
        x.CopyTo(publicKey, 0);
        y.CopyTo(publicKey, 32);

        // An Ethereum address is the last 20 bytes of keccak256(x || y).
        var hash = Sha3Keccack.Current.CalculateHash(publicKey);
        var address = AddressUtil.Current.ConvertToChecksumAddress(Convert.ToHexStringLower(hash.AsSpan(12)));
        return new LoadedKey(versioned, publicKey, address);
    }

    private async Task<JsonDocument> CallAsync(HttpMethod method, Uri uri, string? body, string operation, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (result, failure) = await AttemptAsync(method, uri, body, operation, cancellationToken).ConfigureAwait(false);
            if (result is not null)
            {
                return result;
            }

            var delay = failure!.Exception.RetryAfter ?? _options.RetryDelay * Math.Pow(2, attempt);
            if (!failure.RetryInCall || attempt >= _options.MaxRetries || delay > _options.RequestTimeout)
            {
                throw failure.Exception;
            }

            LogRetry(_logger, operation, attempt + 1, failure.Exception.Message);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(JsonDocument? Result, Failure? Failure)> AttemptAsync(HttpMethod method, Uri uri, string? body, string operation, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        var requestId = Guid.NewGuid().ToString();
        try
        {
            for (var answeredChallenge = false; ; answeredChallenge = true)
            {
                using var request = new HttpRequestMessage(method, uri);
                request.Headers.Add("x-ms-client-request-id", requestId);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                if (body is not null)
                {
                    request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                }

                if (_challenge is { } challenge)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await GetTokenAsync(challenge, timeout.Token).ConfigureAwait(false));
                }

                using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
                var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return (ParseSuccess(text, operation), null);
                }

                if (response.StatusCode == HttpStatusCode.Unauthorized && !answeredChallenge)
                {
                    _challenge = ReadChallenge(response, text, operation);
                    _token = null;
                    continue;
                }

                return (null, Classify(response, text, operation, requestId));
            }
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, new Failure(new ChainSignerException($"Key Vault {operation} did not answer within {_options.RequestTimeout.TotalMilliseconds} ms (request {requestId}).", isTransient: true, exception), RetryInCall: true));
        }
        catch (HttpRequestException exception)
        {
            return (null, new Failure(new ChainSignerException($"Key Vault {operation} could not be reached: {exception.Message} (request {requestId}).", isTransient: true, exception), RetryInCall: true));
        }
        catch (CredentialUnavailableException exception)
        {
            // No managed identity (or other credential) is available to this process: configuration, not luck.
            return (null, new Failure(new ChainSignerException($"No credential is available for Key Vault: {exception.Message}", isTransient: false, exception), RetryInCall: false));
        }
        catch (AuthenticationFailedException exception)
        {
            // The token endpoint failed (often the identity endpoint briefly unavailable); the caller's backoff applies.
            return (null, new Failure(new ChainSignerException($"A token for Key Vault could not be obtained: {exception.Message}", isTransient: true, exception), RetryInCall: false));
        }
    }

    private static JsonDocument ParseSuccess(string text, string operation)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException exception)
        {
            throw new ChainSignerException($"Key Vault's {operation} response is not JSON.", isTransient: false, exception);
        }
    }

    private Failure Classify(HttpResponseMessage response, string text, string operation, string requestId)
    {
        var status = (int)response.StatusCode;
        var (code, message) = ReadError(text);
        var transient = status is 408 or 429 or >= 500;
        var description = $"Key Vault {operation} failed with {status} {code ?? response.ReasonPhrase}: {message ?? "(no error body)"} (request {requestId}).";
        var exception = new ChainSignerException(description, transient) { RetryAfter = transient ? RetryAfter(response) : null };
        return new Failure(exception, RetryInCall: transient && status != 429);
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - _time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static (string? Code, string? Message) ReadError(string text)
    {
        // Key Vault's documented error body: {"error":{"code":"...","message":"...","innererror":{...}}}.
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error))
            {
                var code = StringProperty(error, "code");
                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("innererror", out var inner) && StringProperty(inner, "code") is { } innerCode)
                {
                    code = $"{code}/{innerCode}";
                }

                return (code, StringProperty(error, "message"));
            }
        }
        catch (JsonException)
        {
        }

        return (null, null);
    }

    private Challenge ReadChallenge(HttpResponseMessage response, string text, string operation)
    {
        var bearer = response.Headers.WwwAuthenticate.FirstOrDefault(h => string.Equals(h.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase));
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match match in ChallengeParameter().Matches(bearer?.Parameter ?? string.Empty))
        {
            parameters[match.Groups[1].Value] = match.Groups[2].Value;
        }

        string? scope = null;
        if (parameters.TryGetValue("scope", out var named))
        {
            scope = named;
        }
        else if (parameters.TryGetValue("resource", out var resource))
        {
            scope = resource.TrimEnd('/') + "/.default";
        }

        if (scope is null || !Uri.TryCreate(scope, UriKind.Absolute, out _))
        {
            var (code, message) = ReadError(text);
            throw new ChainSignerException($"Key Vault {operation} answered 401 {code} without a usable bearer challenge: {message}", isTransient: false);
        }

        // A token is only ever requested for the vault's own domain (as the Azure SDK verifies): a challenge
        // naming another resource would have this identity hand out a token for, say, management.azure.com.
        var resourceHost = ToScopeResource(scope).Host;
        var vaultHost = _keyId.Vault.Host;
        if (!string.Equals(vaultHost, resourceHost, StringComparison.OrdinalIgnoreCase) && !vaultHost.EndsWith("." + resourceHost, StringComparison.OrdinalIgnoreCase))
        {
            throw new ChainSignerException($"Key Vault's challenge asks for a token for '{resourceHost}', which is not the domain of {vaultHost}; no token was requested.", isTransient: false);
        }

        string? tenant = null;
        if ((parameters.TryGetValue("authorization", out var authority) || parameters.TryGetValue("authorization_uri", out authority))
            && Uri.TryCreate(authority, UriKind.Absolute, out var authorityUri))
        {
            tenant = authorityUri.AbsolutePath.Trim('/').Split('/')[0] is { Length: > 0 } segment ? segment : null;
        }

        LogChallenge(_logger, scope, tenant);
        return new Challenge(scope, tenant);
    }

    private async ValueTask<string> GetTokenAsync(Challenge challenge, CancellationToken cancellationToken)
    {
        if (_token is { } cached && cached.Scope == challenge.Scope && cached.Token.ExpiresOn > _time.GetUtcNow().AddMinutes(5))
        {
            return cached.Token.Token;
        }

        var token = await _credential.GetTokenAsync(new TokenRequestContext([challenge.Scope], tenantId: challenge.TenantId), cancellationToken).ConfigureAwait(false);
        _token = new CachedToken(challenge.Scope, token);
        return token.Token;
    }

    [GeneratedRegex(@"([A-Za-z_]+)\s*=\s*""([^""]*)""")]
    private static partial Regex ChallengeParameter();

    [LoggerMessage(Level = LogLevel.Information, Message = "Chain account {Address} is Key Vault key {KeyId}")]
    private static partial void LogKeyRead(ILogger logger, Uri keyId, string address);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Key Vault asks for a token for {Scope} (tenant {Tenant})")]
    private static partial void LogChallenge(ILogger logger, string scope, string? tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Key Vault {Operation} retried (retry {Retry}): {Reason}")]
    private static partial void LogRetry(ILogger logger, string operation, int retry, string reason);

    private sealed record LoadedKey(KeyVaultKeyIdentifier Id, byte[] PublicKey, string Address);

    private sealed record Challenge(string Scope, string? TenantId);

    private sealed record CachedToken(string Scope, AccessToken Token);

    private sealed record Failure(ChainSignerException Exception, bool RetryInCall);
}
