using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using BigInteger = Org.BouncyCastle.Math.BigInteger;

namespace MLGov.Testing.KeyVault;

/// <summary>
/// A local stand-in for Azure Key Vault's keys API over real HTTP (Kestrel on a loopback port), implementing
/// the documented contract of two operations: get key (<c>GET {vault}/keys/{name}[/{version}]?api-version=</c>,
/// answering a key bundle with the public JWK) and sign (<c>POST {vault}/keys/{name}[/{version}]/sign?api-version=</c>
/// with <c>{"alg","value"}</c>, answering <c>{"kid","value"}</c>, value = base64url(r || s)). Like Key Vault it
/// answers a request without a valid token with 401 and a bearer challenge naming its resource and tenant, and
/// errors with <c>{"error":{"code","message"}}</c>. Keys are real: secp256k1 (P-256K) signs with BouncyCastle's
/// ECDSA with random k, P-256 (ES256) with .NET's ECDsa, and, like Key Vault, neither normalises s (<see cref="Shape"/>
/// forces one half for tests). Faults (403, 404, 400, 429 with Retry-After,
/// 5xx, slow answers) are injected with <see cref="InjectFault"/>. For tests only; never part of an app.
/// </summary>
public sealed class KeyVaultStandIn : IAsyncDisposable
{
    private static readonly X9ECParametersHolder Secp256k1 = new();
    private static readonly BigInteger P256Order = SecNamedCurves.GetByName("secp256r1").N;

    private readonly WebApplication _app;
    private readonly Dictionary<string, List<StoredKey>> _keys = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<FaultSlot> _faults = [];
    private readonly ConcurrentQueue<RecordedKeyVaultRequest> _requests = new();
    private readonly ConcurrentQueue<RawSignature> _signatures = new();
    private readonly Lock _lock = new();

    private KeyVaultStandIn(WebApplication app, Uri vaultUri)
    {
        _app = app;
        VaultUri = vaultUri;
        ChallengeResource = vaultUri.GetLeftPart(UriPartial.Authority);
    }

    /// <summary>The vault's base address, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri VaultUri { get; }

    /// <summary>Issues the tokens this vault accepts (for scope <c>{ChallengeResource}/.default</c>).</summary>
    public StandInCredential Credential { get; } = new();

    public string TenantId { get; } = "72f988bf-0000-4000-8000-00000000a11c";

    /// <summary>The resource the 401 challenge names (Key Vault's is https://vault.azure.net); by default this vault's own origin.</summary>
    public string ChallengeResource { get; set; }

    public SignatureShape Shape { get; set; } = SignatureShape.AsSigned;

    /// <summary>When set, key ids in answers name this vault origin instead of the stand-in's own (a hostile or broken vault).</summary>
    public Uri? KidOrigin { get; set; }

    /// <summary>When set, sign answers carry a signature by this secp256k1 key (hex) instead of the requested key's.</summary>
    public string? ImpostorKeyHex { get; set; }

    public IReadOnlyCollection<RecordedKeyVaultRequest> Requests => _requests;

    /// <summary>Every signature returned, as returned (before any client normalisation).</summary>
    public IReadOnlyCollection<RawSignature> Signatures => _signatures;

    public static async Task<KeyVaultStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        KeyVaultStandIn? standIn = null;
        app.Run(context => standIn!.HandleAsync(context));
        await app.StartAsync();
        standIn = new KeyVaultStandIn(app, new Uri(app.Urls.First().TrimEnd('/') + "/"));
        return standIn;
    }

    /// <summary>Adds a new version of key <paramref name="name"/>: EC P-256K with the given private key (hex). Returns its versioned id.</summary>
    public Uri AddSecp256k1Key(string name, string privateKeyHex, bool enabled = true, IReadOnlyList<string>? keyOperations = null)
    {
        var d = new BigInteger(1, Convert.FromHexString(privateKeyHex.StartsWith("0x", StringComparison.Ordinal) ? privateKeyHex[2..] : privateKeyHex));
        var q = Secp256k1.Parameters.G.Multiply(d).Normalize();
        var privateKey = new ECPrivateKeyParameters(d, Secp256k1.Domain);
        return Add(name, new StoredKey(NewVersion(), "P-256K", "ES256K", q.AffineXCoord.GetEncoded(), q.AffineYCoord.GetEncoded(), digest => SignSecp256k1(privateKey, digest), enabled, keyOperations ?? ["sign", "verify"]));
    }

    /// <summary>
    /// Adds a new version of key <paramref name="name"/>: EC P-256 (ES256), a credential issuer's curve and one a chain
    /// account cannot use; with the given private key (hex) or a new random one.
    /// </summary>
    public Uri AddP256Key(string name, string? privateKeyHex = null)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        if (privateKeyHex is not null)
        {
            key.ImportParameters(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = Convert.FromHexString(privateKeyHex) });
        }

        var point = key.ExportParameters(false).Q;
        return Add(name, new StoredKey(NewVersion(), "P-256", "ES256", point.X!, point.Y!, digest => key.SignHash(digest, DSASignatureFormat.IeeeP1363FixedFieldConcatenation), true, ["sign", "verify"]));
    }

    /// <summary>The unversioned id of key <paramref name="name"/> (which need not exist).</summary>
    public Uri KeyId(string name) => new(VaultUri, $"keys/{name}");

    public void InjectFault(KeyVaultFault fault)
    {
        lock (_lock)
        {
            _faults.Add(new FaultSlot(fault) { Remaining = fault.Times });
        }
    }

    public void ClearFaults()
    {
        lock (_lock)
        {
            _faults.Clear();
        }
    }

    /// <summary>Requests of one operation that reached the stand-in, answered or not.</summary>
    public int Count(KeyVaultOperation operation) => _requests.Count(r => r.Operation == operation);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string NewVersion() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static byte[] SignSecp256k1(ECPrivateKeyParameters key, byte[] digest)
    {
        var signer = new ECDsaSigner();
        signer.Init(true, new ParametersWithRandom(key, new SecureRandom()));
        var rs = signer.GenerateSignature(digest);
        var signature = new byte[64];
        rs[0].ToByteArrayUnsigned().CopyTo(signature, 32 - rs[0].ToByteArrayUnsigned().Length);
        rs[1].ToByteArrayUnsigned().CopyTo(signature, 64 - rs[1].ToByteArrayUnsigned().Length);
        return signature;
    }

    private static byte[] Reshape(byte[] signature, SignatureShape shape, BigInteger n)
    {
        var s = new BigInteger(1, signature[32..]);
        var high = s.CompareTo(n.ShiftRight(1)) > 0;
        if ((shape == SignatureShape.HighS && !high) || (shape == SignatureShape.LowS && high))
        {
            var flipped = n.Subtract(s).ToByteArrayUnsigned();
            Array.Clear(signature, 32, 32);
            flipped.CopyTo(signature, 64 - flipped.Length);
        }

        return signature;
    }

    private static Task WriteJsonAsync(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string code, string message, string? innerCode = null)
    {
        var error = new Dictionary<string, object> { ["code"] = code, ["message"] = message };
        if (innerCode is not null)
        {
            error["innererror"] = new Dictionary<string, object> { ["code"] = innerCode };
        }

        return WriteJsonAsync(context, status, new Dictionary<string, object> { ["error"] = error });
    }

    private Uri Add(string name, StoredKey key)
    {
        lock (_lock)
        {
            if (!_keys.TryGetValue(name, out var versions))
            {
                _keys[name] = versions = [];
            }

            versions.Add(key);
        }

        return new Uri(VaultUri, $"keys/{name}/{key.Version}");
    }

    private string Kid(string name, string version) => new Uri(KidOrigin ?? VaultUri, $"keys/{name}/{version}").ToString();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var segments = request.Path.Value!.Trim('/').Split('/');
        var operation = (request.Method, segments) switch
        {
            ("GET", ["keys", _]) or ("GET", ["keys", _, _]) => KeyVaultOperation.GetKey,
            ("POST", ["keys", _, "sign"]) or ("POST", ["keys", _, _, "sign"]) => KeyVaultOperation.Sign,
            _ => KeyVaultOperation.Any,
        };
        string? scope = null;
        if (request.Headers.Authorization.ToString() is { } authorization && authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            scope = Credential.ScopeOf(authorization["Bearer ".Length..].Trim());
        }

        _requests.Enqueue(new RecordedKeyVaultRequest(request.Method, request.Path.Value!, request.QueryString.Value ?? string.Empty, operation, scope));

        if (scope != ChallengeResource.TrimEnd('/') + "/.default")
        {
            context.Response.Headers.WWWAuthenticate = $"Bearer authorization=\"https://login.microsoftonline.com/{TenantId}\", resource=\"{ChallengeResource}\"";
            await WriteErrorAsync(context, 401, "Unauthorized", scope is null && request.Headers.Authorization.Count == 0
                ? "AKV10000: Request is missing a Bearer or PoP token."
                : "AKV10022: Invalid audience.");
            return;
        }

        if (string.IsNullOrEmpty(request.Query["api-version"]))
        {
            await WriteErrorAsync(context, 400, "BadParameter", "The api-version query parameter (?api-version=) is required for all requests.");
            return;
        }

        if (TakeFault(operation) is { } fault)
        {
            await Task.Delay(fault.Delay, context.RequestAborted);
            if (fault.Status != 0)
            {
                if (fault.RetryAfter is { } retryAfter)
                {
                    context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await WriteErrorAsync(context, fault.Status, fault.Code, fault.Message, fault.InnerCode);
                return;
            }
        }

        var name = segments[1];
        var version = operation == KeyVaultOperation.GetKey ? (segments.Length == 3 ? segments[2] : null) : (segments.Length == 4 ? segments[2] : null);
        StoredKey? key;
        lock (_lock)
        {
            key = _keys.TryGetValue(name, out var versions)
                ? (version is null ? versions[^1] : versions.FirstOrDefault(v => string.Equals(v.Version, version, StringComparison.OrdinalIgnoreCase)))
                : null;
        }

        switch (operation)
        {
            case KeyVaultOperation.Any:
                await WriteErrorAsync(context, 400, "BadParameter", $"{request.Method} {request.Path} is not an operation of this vault.");
                return;
            case var _ when key is null:
                await WriteErrorAsync(context, 404, "KeyNotFound", $"A key with (name/id) {name}{(version is null ? string.Empty : "/" + version)} was not found in this key vault.");
                return;
            case KeyVaultOperation.GetKey:
                await WriteJsonAsync(context, 200, KeyBundle(name, key));
                return;
            default:
                await SignAsync(context, name, key);
                return;
        }
    }

    private Dictionary<string, object> KeyBundle(string name, StoredKey key) => new()
    {
        ["key"] = new Dictionary<string, object>
        {
            ["kid"] = Kid(name, key.Version),
            ["kty"] = "EC",
            ["key_ops"] = key.KeyOperations,
            ["crv"] = key.Curve,
            ["x"] = Base64Url.EncodeToString(key.X),
            ["y"] = Base64Url.EncodeToString(key.Y),
        },
        ["attributes"] = new Dictionary<string, object>
        {
            ["enabled"] = key.Enabled,
            ["created"] = 1_700_000_000,
            ["updated"] = 1_700_000_000,
            ["recoveryLevel"] = "Recoverable+Purgeable",
        },
    };

    private async Task SignAsync(HttpContext context, string name, StoredKey key)
    {
        string? algorithm;
        byte[] digest;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            algorithm = body.RootElement.GetProperty("alg").GetString();
            digest = Base64Url.DecodeFromChars(body.RootElement.GetProperty("value").GetString());
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            await WriteErrorAsync(context, 400, "BadParameter", "The request body is not a valid KeySignParameters object.");
            return;
        }

        if (!key.Enabled)
        {
            await WriteErrorAsync(context, 403, "Forbidden", "Operation sign is not allowed on a disabled key.");
            return;
        }

        if (algorithm != key.Algorithm)
        {
            await WriteErrorAsync(context, 400, "BadParameter", $"Key and signing algorithm are incompatible: {key.Curve} key, {algorithm} requested.");
            return;
        }

        if (digest.Length != 32)
        {
            await WriteErrorAsync(context, 400, "BadParameter", $"The digest is {digest.Length} bytes; {algorithm} signs a 32-byte digest.");
            return;
        }

        var signature = ImpostorKeyHex is { } impostor
            ? SignSecp256k1(new ECPrivateKeyParameters(new BigInteger(1, Convert.FromHexString(impostor)), Secp256k1.Domain), digest)
            : key.Sign(digest);
        // Shape applies to both curves: Key Vault normalises s for neither.
        signature = Reshape(signature, Shape, key.Curve == "P-256K" ? Secp256k1.Parameters.N : P256Order);

        _signatures.Enqueue(new RawSignature(digest, signature[..32], signature[32..]));
        await WriteJsonAsync(context, 200, new Dictionary<string, object> { ["kid"] = Kid(name, key.Version), ["value"] = Base64Url.EncodeToString(signature) });
    }

    private KeyVaultFault? TakeFault(KeyVaultOperation operation)
    {
        lock (_lock)
        {
            var slot = _faults.FirstOrDefault(f => f.Remaining > 0 && (f.Fault.Operation == KeyVaultOperation.Any || f.Fault.Operation == operation));
            if (slot is null)
            {
                return null;
            }

            slot.Remaining--;
            return slot.Fault;
        }
    }

    private sealed record StoredKey(string Version, string Curve, string Algorithm, byte[] X, byte[] Y, Func<byte[], byte[]> Sign, bool Enabled, IReadOnlyList<string> KeyOperations);

    private sealed class FaultSlot(KeyVaultFault fault)
    {
        public KeyVaultFault Fault { get; } = fault;

        public int Remaining { get; set; }
    }

    private sealed class X9ECParametersHolder
    {
        public X9ECParametersHolder()
        {
            Parameters = SecNamedCurves.GetByName("secp256k1");
            Domain = new ECDomainParameters(Parameters.Curve, Parameters.G, Parameters.N, Parameters.H);
        }

        public Org.BouncyCastle.Asn1.X9.X9ECParameters Parameters { get; }

        public ECDomainParameters Domain { get; }
    }
}
