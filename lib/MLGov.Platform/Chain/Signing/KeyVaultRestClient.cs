using System.Net;
using System.Net.Http.Headers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Logging;

namespace MLGov.Platform.Chain.Signing;

/// <summary>How a <see cref="KeyVaultRestClient"/> talks to Key Vault: api-version, per-request timeout, in-call retries.</summary>
internal sealed record KeyVaultClientSettings(string ApiVersion, TimeSpan RequestTimeout, int MaxRetries, TimeSpan RetryDelay);

/// <summary>
/// The HTTP side shared by the Key Vault signers (the chain signer, <see cref="KeyVaultSigner"/>, and the credential
/// issuer's JWS signer): Key Vault's bearer challenge protocol with a token only ever requested for the vault's own
/// domain, a cached token, Key Vault's error body, and the transient/permanent classification. Failures are
/// <see cref="ChainSignerException"/> (429, 408, 5xx, timeouts, lost connections transient with the service's
/// Retry-After; everything else permanent); 5xx, timeouts and lost connections are retried within the call.
/// </summary>
internal sealed partial class KeyVaultRestClient : IDisposable
{
    private readonly KeyVaultClientSettings _settings;
    private readonly KeyVaultKeyIdentifier _keyId;
    private readonly TokenCredential _credential;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private volatile Challenge? _challenge;
    private volatile CachedToken? _token;

    public KeyVaultRestClient(KeyVaultKeyIdentifier keyId, KeyVaultClientSettings settings, TokenCredential credential, ILogger logger, HttpMessageHandler? handler, TimeProvider time)
    {
        _keyId = keyId;
        _settings = settings;
        _credential = credential;
        _logger = logger;
        _time = time;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: handler is null)
        {
            Timeout = Timeout.InfiniteTimeSpan,
            MaxResponseContentBufferSize = 1 << 20,
        };
    }

    public void Dispose() => _http.Dispose();

    private static Uri ToScopeResource(string scope) =>
        new(scope.EndsWith("/.default", StringComparison.Ordinal) ? scope[..^"/.default".Length] : scope);

    public static byte[] ReadBase64Url(JsonElement element, string property, string operation)
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

    public static string? StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public Uri WithApiVersion(Uri uri) => new(uri + "?api-version=" + Uri.EscapeDataString(_settings.ApiVersion));

    /// <summary>One Key Vault request with challenge authentication and in-call retries; the parsed JSON answer.</summary>
    public async Task<JsonDocument> CallAsync(HttpMethod method, Uri uri, string? body, string operation, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (result, failure) = await AttemptAsync(method, uri, body, operation, cancellationToken).ConfigureAwait(false);
            if (result is not null)
            {
                return result;
            }

            var delay = failure!.Exception.RetryAfter ?? _settings.RetryDelay * Math.Pow(2, attempt);
            if (!failure.RetryInCall || attempt >= _settings.MaxRetries || delay > _settings.RequestTimeout)
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
        timeout.CancelAfter(_settings.RequestTimeout);
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
            return (null, new Failure(new ChainSignerException($"Key Vault {operation} did not answer within {_settings.RequestTimeout.TotalMilliseconds} ms (request {requestId}).", isTransient: true, exception), RetryInCall: true));
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Key Vault asks for a token for {Scope} (tenant {Tenant})")]
    private static partial void LogChallenge(ILogger logger, string scope, string? tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Key Vault {Operation} retried (retry {Retry}): {Reason}")]
    private static partial void LogRetry(ILogger logger, string operation, int retry, string reason);

    private sealed record Challenge(string Scope, string? TenantId);

    private sealed record CachedToken(string Scope, AccessToken Token);

    private sealed record Failure(ChainSignerException Exception, bool RetryInCall);
}
