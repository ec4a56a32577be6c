using System.Security.Cryptography;
using System.Text.Json;
using Azure.Core;
using Microsoft.Extensions.Logging;
using MLGov.Platform.Chain.Signing;
using MLGov.Trust.Dids;
using MLGov.Trust.Jose;
using MLGov.Trust.Keys;

namespace MLGov.Platform.Trust;

/// <summary>
/// Signs JWS (credentials) with an EC key that never leaves Azure Key Vault: ES256 with a P-256 key, ES256K with a
/// P-256K (secp256k1) key, both over the SHA-256 digest of the signing input (RFC 7518 §3.4, RFC 8812 §3.2) through
/// Key Vault's sign operation. Key Vault answers r || s, which is the JOSE signature format; ES256K answers are
/// normalised to low-s (the trust library refuses high-s ES256K), and every answer is verified against the key's
/// public key before it is used. The public key, read once with get-key, gives the issuer DID
/// (<see cref="IssuerDid"/>, the did:key of that key). Ed25519 is refused: Key Vault does not sign it (docs/keys.md).
/// <para>
/// HTTP, authentication (bearer challenge, token only for the vault's domain) and error classification are shared
/// with the chain signer: failures are <see cref="JwsSigningException"/>, transient for 429 (with Retry-After), 408,
/// 5xx, timeouts and lost connections, permanent for 400, 401, 403, 404, a key of the wrong type and a signature that
/// does not verify.
/// </para>
/// </summary>
public sealed partial class KeyVaultJwsSigner : IJwsKeySigner, IDisposable
{
    private readonly KeyVaultJwsSignerOptions _options;
    private readonly KeyVaultKeyIdentifier _keyId;
    private readonly ILogger<KeyVaultJwsSigner> _logger;
    private readonly KeyVaultRestClient _client;
    private readonly SemaphoreSlim _loadLock = new(1, 1);
    private volatile LoadedKey? _key;

    public KeyVaultJwsSigner(KeyVaultJwsSignerOptions options, TokenCredential credential, ILogger<KeyVaultJwsSigner> logger, HttpMessageHandler? handler = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(logger);
        if (options.Algorithm is { } algorithm && algorithm is not (JwsAlgorithms.Es256 or JwsAlgorithms.Es256K))
        {
            throw new ArgumentException(
                algorithm == JwsAlgorithms.EdDsa
                    ? "EdDSA cannot be signed in Key Vault: Key Vault has no Ed25519 keys. Use an EC P-256 (ES256) or P-256K (ES256K) key, or the Ed25519 key held as a secret (see docs/keys.md, issuer keys)."
                    : $"The issuer algorithm '{algorithm}' is not supported with Key Vault; ES256 and ES256K are (see docs/keys.md).",
                nameof(options));
        }

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

    /// <summary>The JWS alg: the key's, once read; before that the configured <see cref="KeyVaultJwsSignerOptions.Algorithm"/>.</summary>
    public string Algorithm => _key?.Algorithm
        ?? _options.Algorithm
        ?? throw new InvalidOperationException("The Key Vault key has not been read yet (InitializeAsync), so its algorithm is not known.");

    /// <summary>The versioned Key Vault key id once read, else the configured one.</summary>
    public string KeyId => (_key?.Id.KeyUri ?? _keyId.KeyUri).ToString();

    /// <summary>The key's public key, once read.</summary>
    public PublicKey? PublicKey => _key?.PublicKey;

    /// <summary>The did:key of the vault key's public key, once read: the issuer DID credentials signed here verify under.</summary>
    public string? IssuerDid => _key?.IssuerDid;

    /// <summary>Reads the key (once): its algorithm, public key and issuer DID. Signing does this itself when needed.</summary>
    public async Task<PublicKey> InitializeAsync(CancellationToken cancellationToken) =>
        (await LoadKeyAsync(cancellationToken).ConfigureAwait(false)).PublicKey;

    public async ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signingInput, CancellationToken cancellationToken)
    {
        var key = await LoadKeyAsync(cancellationToken).ConfigureAwait(false);
        var digest = SHA256.HashData(signingInput.Span);
        var body = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["alg"] = key.Algorithm,
            ["value"] = System.Buffers.Text.Base64Url.EncodeToString(digest),
        });
        byte[] rs;
        try
        {
            using var result = await _client.CallAsync(HttpMethod.Post, _client.WithApiVersion(new Uri(key.Id.KeyUri + "/sign")), body, "sign", cancellationToken).ConfigureAwait(false);
            var root = result.RootElement;
            if (root.TryGetProperty("kid", out var kid) && !(_keyId.TryReadVersionedKid(kid.GetString(), out var signedWith) && signedWith == key.Id))
            {
                throw new JwsSigningException($"Key Vault signed with {kid.GetString()}, not with {key.Id.KeyUri}.", isTransient: false);
            }

            rs = KeyVaultRestClient.ReadBase64Url(root, "value", "sign");
        }
        catch (ChainSignerException exception)
        {
            throw Translate(exception);
        }

        // Key Vault does not normalise s; both (r, s) and (r, n − s) verify, and ES256K verifiers require the low one.
        // For ES256 low-s is harmless (both verify); normalising both keeps the output canonical.
        var signature = JwsSignatures.ToVerifiedJose(key.PublicKey, signingInput.Span, rs);
        if (signature is null)
        {
            throw new JwsSigningException(
                $"The {key.Algorithm} signature Key Vault returned ({rs.Length} bytes) does not verify with the public key of {key.Id.KeyUri}: it is malformed or made by another key.",
                isTransient: false);
        }

        return signature;
    }

    public void Dispose()
    {
        _client.Dispose();
        _loadLock.Dispose();
    }

    private static JwsSigningException Translate(ChainSignerException exception) =>
        new(exception.Message, exception.IsTransient, exception) { RetryAfter = exception.RetryAfter };

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

            LoadedKey loaded;
            try
            {
                using var result = await _client.CallAsync(HttpMethod.Get, _client.WithApiVersion(_keyId.KeyUri), null, "get key", cancellationToken).ConfigureAwait(false);
                loaded = ReadKey(result.RootElement);
            }
            catch (ChainSignerException exception)
            {
                throw Translate(exception);
            }

            _key = loaded;
            LogKeyRead(_logger, loaded.Id.KeyUri, loaded.Algorithm, loaded.IssuerDid);
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
            throw new JwsSigningException("Key Vault's get-key response has no 'key'.", isTransient: false);
        }

        var kid = KeyVaultRestClient.StringProperty(key, "kid");
        if (!_keyId.TryReadVersionedKid(kid, out var versioned))
        {
            throw new JwsSigningException($"Key Vault returned the key id '{kid}', which is not a version of {_keyId.KeyUri}.", isTransient: false);
        }

        var kty = KeyVaultRestClient.StringProperty(key, "kty");
        var crv = KeyVaultRestClient.StringProperty(key, "crv");
        if (crv == "Ed25519" || kty == "OKP")
        {
            throw new JwsSigningException($"The key {versioned.KeyUri} is {kty}/{crv}: Key Vault does not sign Ed25519, so an EdDSA issuer key stays a secret (see docs/keys.md, issuer keys).", isTransient: false);
        }

        var (type, algorithm) = (kty, crv) switch
        {
            ("EC" or "EC-HSM", "P-256") => (KeyType.P256, JwsAlgorithms.Es256),
            ("EC" or "EC-HSM", "P-256K") => (KeyType.Secp256k1, JwsAlgorithms.Es256K),
            _ => throw new JwsSigningException($"The key {versioned.KeyUri} is {kty ?? "?"}/{crv ?? "?"}; a credential issuer key is EC on P-256 (ES256) or P-256K (ES256K).", isTransient: false),
        };
        if (_options.Algorithm is { } expected && expected != algorithm)
        {
            throw new JwsSigningException($"The key {versioned.KeyUri} signs {algorithm}, not the configured {expected}.", isTransient: false);
        }

        if (key.TryGetProperty("key_ops", out var operations) && operations.ValueKind == JsonValueKind.Array
            && !operations.EnumerateArray().Any(o => o.ValueKind == JsonValueKind.String && o.GetString() == "sign"))
        {
            throw new JwsSigningException($"The key {versioned.KeyUri} does not permit the sign operation.", isTransient: false);
        }

        if (root.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object
            && attributes.TryGetProperty("enabled", out var enabled) && enabled.ValueKind == JsonValueKind.False)
        {
            throw new JwsSigningException($"The key {versioned.KeyUri} is disabled.", isTransient: false);
        }

        var point = new byte[65];
        point[0] = 0x04;
        Coordinate(key, "x").CopyTo(point, 1);
        Coordinate(key, "y").CopyTo(point, 33);
        var publicKey = MLGov.Trust.Keys.PublicKey.TryCreate(type, point)
            ?? throw new JwsSigningException($"The public key of {versioned.KeyUri} is not a point of {crv}.", isTransient: false);
        return new LoadedKey(versioned, algorithm, publicKey, DidKey.From(publicKey));
    }

    private static byte[] Coordinate(JsonElement key, string name)
    {
        byte[] bytes;
        try
        {
            bytes = KeyVaultRestClient.ReadBase64Url(key, name, "get key");
        }
        catch (ChainSignerException exception)
        {
            throw Translate(exception);
        }

        if (bytes.Length is 0 or > 32)
        {
            throw new JwsSigningException($"The key's '{name}' coordinate is {bytes.Length} bytes, not 32.", isTransient: false);
        }

        var padded = new byte[32];
        bytes.CopyTo(padded.AsSpan(32 - bytes.Length));
        return padded;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Credential issuer key is Key Vault key {KeyId} ({Algorithm}, {IssuerDid})")]
    private static partial void LogKeyRead(ILogger logger, Uri keyId, string algorithm, string issuerDid);

    private sealed record LoadedKey(KeyVaultKeyIdentifier Id, string Algorithm, PublicKey PublicKey, string IssuerDid);
}
