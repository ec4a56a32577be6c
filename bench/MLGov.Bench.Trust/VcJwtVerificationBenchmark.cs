using System.Security.Cryptography;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using MLGov.Core.Encoding;
using MLGov.Trust.Credentials;
using MLGov.Trust.Dids;
using MLGov.Trust.Keys;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Rfc8032 = Org.BouncyCastle.Math.EC.Rfc8032;

namespace MLGov.Bench.Trust;

/// <summary>
/// One VC-JWT verification (parse, did:key resolution to a document, dereferencing the kid under assertionMethod,
/// every check) against the bare BouncyCastle signature verification of the same token's signing input, with the key
/// already decoded: the primitive the verifier spends its time in, and the ceiling it is measured against. A third case
/// caches the issuer's resolution (<see cref="CachingDidResolver"/>), as a verifier seeing the same issuers again does.
/// </summary>
[MemoryDiagnoser]
public class VcJwtVerificationBenchmark
{
    private VcJwtVerifier _verifier = null!;
    private VcJwtVerifier _cachingVerifier = null!;
    private string _token = null!;

    public string Token => _token;
    private byte[] _signingInput = null!;
    private byte[] _signature = null!;
    private byte[] _ed25519Key = null!;
    private ECPublicKeyParameters? _ecKey;
    private byte[] _compressedKey = null!;

    [Params(KeyType.Ed25519, KeyType.Secp256k1, KeyType.P256)]
    public KeyType Algorithm { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var key = SigningKey.Generate(Algorithm);
        var did = DidKey.From(key.PublicKey);
        var now = DateTimeOffset.UtcNow;
        var draft = new CredentialDraft(
            did,
            "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp",
            ["EnterpriseMemberCredential"],
            new JsonObject { ["tenant"] = "contoso", ["roles"] = new JsonArray("Voter") },
            now.AddDays(-1),
            now.AddDays(30),
            "urn:uuid:5f2b4c1e-8c1a-4f0e-9a43-2f6f0b9d1c11");
        _token = VcJwtIssuer.Issue(draft, key, did + "#" + DidKey.MultibaseValue(key.PublicKey), CredentialFormat.VcdmV2Jose);
        _verifier = new VcJwtVerifier(MethodDidResolver.Local());
        _cachingVerifier = new VcJwtVerifier(new CachingDidResolver(MethodDidResolver.Local(), TimeSpan.FromMinutes(5)));

        var parts = _token.Split('.');
        _signingInput = System.Text.Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        _signature = Base64Url.Decode(parts[2]);
        _ed25519Key = key.PublicKey.Bytes.ToArray();
        _compressedKey = key.PublicKey.Bytes.ToArray();
        if (Algorithm != KeyType.Ed25519)
        {
            var curve = CustomNamedCurves.GetByName(Algorithm == KeyType.Secp256k1 ? "secp256k1" : "secp256r1");
            var domain = new ECDomainParameters(curve);
            _ecKey = new ECPublicKeyParameters(domain.Curve.DecodePoint(key.PublicKey.Bytes.ToArray()), domain);
        }

        if (!BareSignature() || !VcJwt() || !VcJwtKnownIssuer())
        {
            throw new InvalidOperationException("The benchmark's token does not verify.");
        }
    }

    [Benchmark(Baseline = true)]
    public bool BareSignature()
    {
        if (_ecKey is null)
        {
            return Rfc8032.Ed25519.Verify(_signature, 0, _ed25519Key, 0, _signingInput, 0, _signingInput.Length);
        }

        var verifier = new ECDsaSigner();
        verifier.Init(false, _ecKey);
        return verifier.VerifySignature(SHA256.HashData(_signingInput), new BigInteger(1, _signature, 0, 32), new BigInteger(1, _signature, 32, 32));
    }

    /// <summary>Everything per token: parse, resolve the issuer's did:key (decode and validate its key), dereference, check.</summary>
    /// <summary>The bare check when the key arrives as bytes, as did:key gives it: decode (and decompress) the point, then verify.</summary>
    [Benchmark]
    public bool BareSignatureKeyFromBytes()
    {
        if (_ecKey is null)
        {
            return Rfc8032.Ed25519.Verify(_signature, 0, _ed25519Key, 0, _signingInput, 0, _signingInput.Length);
        }

        var parameters = new ECPublicKeyParameters(_ecKey.Parameters.Curve.DecodePoint(_compressedKey), _ecKey.Parameters);
        var verifier = new ECDsaSigner();
        verifier.Init(false, parameters);
        return verifier.VerifySignature(SHA256.HashData(_signingInput), new BigInteger(1, _signature, 0, 32), new BigInteger(1, _signature, 32, 32));
    }

    [Benchmark]
    public bool VcJwt() => _verifier.VerifyAsync(_token).AsTask().GetAwaiter().GetResult().Verified;

    /// <summary>The same with the issuer's resolution cached, as a verifier that keeps seeing the same issuers runs.</summary>
    [Benchmark]
    public bool VcJwtKnownIssuer() => _cachingVerifier.VerifyAsync(_token).AsTask().GetAwaiter().GetResult().Verified;
}
