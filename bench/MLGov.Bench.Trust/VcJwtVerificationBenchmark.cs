using System.Security.Cryptography;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using MLGov.Core.Encoding;
using MLGov.Trust.Credentials;
using MLGov.Trust.Dids;
using MLGov.Trust.Keys;
using NSec.Cryptography;
using Org.BouncyCastle.Crypto.EC;
using Secp256k1Net;

namespace MLGov.Bench.Trust;

/// <summary>
/// One VC-JWT verification (parse, did:key resolution, dereferencing the kid under assertionMethod, every check) against
/// the bare signature verification of the same token's signing input with the fastest primitive on this machine for the
/// curve (libsodium through NSec, libsecp256k1 through Secp256k1.Net, .NET's ECDsa), the key already imported: the
/// ceiling the verifier is measured against. A second bare case imports the key from its did:key bytes first. A last
/// case caches the issuer's resolution (<see cref="CachingDidResolver"/>), as a verifier seeing the same issuers again does.
/// </summary>
[MemoryDiagnoser]
public class VcJwtVerificationBenchmark
{
    private static readonly Secp256k1 Secp256k1Context = new();

    private VcJwtVerifier _verifier = null!;
    private VcJwtVerifier _cachingVerifier = null!;
    private string _token = null!;
    private byte[] _signingInput = null!;
    private byte[] _signature = null!;
    private byte[] _compressedKey = null!;
    private NSec.Cryptography.PublicKey? _ed25519Key;
    private byte[]? _secp256k1Key;
    private ECDsa? _p256Key;

    public string Token => _token;

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
        _compressedKey = key.PublicKey.Bytes.ToArray();
        switch (Algorithm)
        {
            case KeyType.Ed25519:
                _ed25519Key = NSec.Cryptography.PublicKey.Import(SignatureAlgorithm.Ed25519, _compressedKey, KeyBlobFormat.RawPublicKey);
                break;
            case KeyType.Secp256k1:
                _secp256k1Key = new byte[64];
                _ = Secp256k1Context.EcPubkeyParse(_secp256k1Key, _compressedKey);
                break;
            default:
                _p256Key = ECDsa.Create(P256Parameters(_compressedKey));
                break;
        }

        if (!BareSignature() || !BareSignatureKeyFromBytes() || !VcJwt() || !VcJwtKnownIssuer())
        {
            throw new InvalidOperationException("The benchmark's token does not verify.");
        }
    }

    /// <summary>The primitive alone, its key imported once: what every other case is measured against.</summary>
    [Benchmark(Baseline = true)]
    public bool BareSignature() => Algorithm switch
    {
        KeyType.Ed25519 => SignatureAlgorithm.Ed25519.Verify(_ed25519Key!, _signingInput, _signature),
        KeyType.Secp256k1 => VerifySecp256k1(_secp256k1Key!),
        _ => _p256Key!.VerifyHash(SHA256.HashData(_signingInput), _signature),
    };

    /// <summary>The bare check when the key arrives as bytes, as did:key gives it: import (decode, decompress) the key, then verify.</summary>
    [Benchmark]
    public bool BareSignatureKeyFromBytes()
    {
        switch (Algorithm)
        {
            case KeyType.Ed25519:
                return SignatureAlgorithm.Ed25519.Verify(
                    NSec.Cryptography.PublicKey.Import(SignatureAlgorithm.Ed25519, _compressedKey, KeyBlobFormat.RawPublicKey), _signingInput, _signature);
            case KeyType.Secp256k1:
                Span<byte> parsed = stackalloc byte[64];
                return Secp256k1Context.EcPubkeyParse(parsed, _compressedKey) && VerifySecp256k1(parsed);
            default:
                using (var ecdsa = ECDsa.Create(P256Parameters(_compressedKey)))
                {
                    return ecdsa.VerifyHash(SHA256.HashData(_signingInput), _signature);
                }
        }
    }

    /// <summary>Everything per token: parse, resolve the issuer's did:key (decode and validate its key), dereference, check.</summary>
    [Benchmark]
    public bool VcJwt() => _verifier.VerifyAsync(_token).AsTask().GetAwaiter().GetResult().Verified;

    /// <summary>The same with the issuer's resolution cached, as a verifier that keeps seeing the same issuers runs.</summary>
    [Benchmark]
    public bool VcJwtKnownIssuer() => _cachingVerifier.VerifyAsync(_token).AsTask().GetAwaiter().GetResult().Verified;

    private bool VerifySecp256k1(ReadOnlySpan<byte> parsedKey)
    {
        Span<byte> signature = stackalloc byte[64];
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(_signingInput, hash);
        return Secp256k1Context.EcdsaSignatureParseCompact(signature, _signature) && Secp256k1Context.EcdsaVerify(signature, hash, parsedKey);
    }

    // .NET imports affine coordinates only; the compressed point is decompressed with BouncyCastle's curve arithmetic.
    private static ECParameters P256Parameters(byte[] compressed)
    {
        var point = CustomNamedCurves.GetByName("secp256r1").Curve.DecodePoint(compressed).Normalize();
        return new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new System.Security.Cryptography.ECPoint { X = point.AffineXCoord.GetEncoded(), Y = point.AffineYCoord.GetEncoded() },
        };
    }
}
