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
    private readonly ILogger<KeyVaultSigner> _logger;
    private readonly KeyVaultRestClient _client;
    private readonly SemaphoreSlim _loadLock = new(1, 1);
    private volatile LoadedKey? _key;

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
        _logger = logger;
        _client = new KeyVaultRestClient(
            keyId,
            new KeyVaultClientSettings(options.ApiVersion, options.RequestTimeout, options.MaxRetries, options.RetryDelay),
            credential,
            logger,
            handler,
            timeProvider ?? TimeProvider.System);
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
        using var result = await _client.CallAsync(HttpMethod.Post, _client.WithApiVersion(new Uri(key.Id.KeyUri + "/sign")), body, "sign", cancellationToken).ConfigureAwait(false);

        var root = result.RootElement;
        if (root.TryGetProperty("kid", out var kid) && !(_keyId.TryReadVersionedKid(kid.GetString(), out var signedWith) && signedWith == key.Id))
        {
            throw new ChainSignerException($"Key Vault signed with {kid.GetString()}, not with {key.Id.KeyUri}.", isTransient: false);
        }

        var rs = KeyVaultRestClient.ReadBase64Url(root, "value", "sign");
        return Secp256k1Signature.ToRecoverable(rs, digest.Span, key.PublicKey)
            ?? throw new ChainSignerException(
                $"The signature Key Vault returned ({rs.Length} bytes) does not recover the public key of {key.Id.KeyUri}: it is malformed or made by another key.",
                isTransient: false);
    }

    public void Dispose()
    {
        _client.Dispose();
        _loadLock.Dispose();
    }

    private static byte[] Coordinate(JsonElement key, string name)
    {
        var bytes = KeyVaultRestClient.ReadBase64Url(key, name, "get key");
        if (bytes.Length is 0 or > 32)
        {
            throw new ChainSignerException($"The key's '{name}' coordinate is {bytes.Length} bytes, not 32.", isTransient: false);
        }

        var padded = new byte[32];
        bytes.CopyTo(padded.AsSpan(32 - bytes.Length));
        return padded;
    }

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

            using var result = await _client.CallAsync(HttpMethod.Get, _client.WithApiVersion(_keyId.KeyUri), null, "get key", cancellationToken).ConfigureAwait(false);
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

        var kid = KeyVaultRestClient.StringProperty(key, "kid");
        if (!_keyId.TryReadVersionedKid(kid, out var versioned))
        {
            // Signing goes to this id with a token: it must be the configured key on the configured vault.
            throw new ChainSignerException($"Key Vault returned the key id '{kid}', which is not a version of {_keyId.KeyUri}.", isTransient: false);
        }

        var kty = KeyVaultRestClient.StringProperty(key, "kty");
        var crv = KeyVaultRestClient.StringProperty(key, "crv");
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Chain account {Address} is Key Vault key {KeyId}")]
    private static partial void LogKeyRead(ILogger logger, Uri keyId, string address);

    private sealed record LoadedKey(KeyVaultKeyIdentifier Id, byte[] PublicKey, string Address);
}
