using System.Text.Json.Nodes;
using MLGov.Core.Identifiers;
using MLGov.Trust.Encoding;
using MLGov.Trust.Keys;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Utilities;

namespace MLGov.Trust.Dids;

/// <summary>
/// The did:key method (W3C CCG did:key v0.7): <c>did:key:</c> + base58btc multibase of the multicodec-prefixed public key.
/// Ed25519 keys are 32 bytes; secp256k1 and P-256 keys are 33-byte compressed points, as the spec requires.
/// </summary>
public static class DidKey
{
    public const string Prefix = "did:key:";
    public const string MultikeyType = "Multikey";

    /// <summary>The contexts the spec lists for a document whose verification methods are Multikeys.</summary>
    private static readonly BigInteger Field25519 = BigInteger.One.ShiftLeft(255).Subtract(BigInteger.ValueOf(19));

    public static readonly IReadOnlyList<string> Contexts = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"];

    public static string From(PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Prefix + MultibaseValue(key);
    }

    /// <summary>The multibase value of a key: the DID's method-specific id and the fragment of its verification method.</summary>
    public static string MultibaseValue(PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return MultibaseBase58Btc.Encode(Multicodec.Prefix(CodecOf(key.Type), key.Bytes));
    }

    /// <summary>
    /// Reads the key a did:key carries. False, with a reason, for anything else: another method, a DID URL, a multibase
    /// other than base58btc, an unknown codec, a key of the wrong length, or bytes that are not a point on the curve.
    /// </summary>
    public static bool TryParse(string? did, out PublicKey? key, out string? problem)
    {
        key = null;
        if (!Did.IsValid(did) || !did!.StartsWith(Prefix, StringComparison.Ordinal))
        {
            problem = "Not a did:key DID.";
            return false;
        }

        return TryParseMultibase(did[Prefix.Length..], out key, out problem);
    }

    /// <summary>Reads a Multikey <c>publicKeyMultibase</c> value (the did:key method-specific id).</summary>
    public static bool TryParseMultibase(string? value, out PublicKey? key, out string? problem)
    {
        key = null;
        if (!MultibaseBase58Btc.TryDecode(value, out var bytes))
        {
            problem = "The key is not base58btc multibase ('z' followed by base58 characters).";
            return false;
        }

        if (!Multicodec.TryRead(bytes, out var code, out var codeLength))
        {
            problem = "The key has no valid multicodec prefix.";
            return false;
        }

        KeyType? type = code switch
        {
            Multicodec.Ed25519Public => KeyType.Ed25519,
            Multicodec.Secp256k1Public => KeyType.Secp256k1,
            Multicodec.P256Public => KeyType.P256,
            _ => null,
        };
        if (type is null)
        {
            problem = $"Multicodec 0x{code:x} is not a supported public key type.";
            return false;
        }

        var body = bytes.AsSpan(codeLength);
        var expectedLength = type == KeyType.Ed25519 ? PublicKey.Ed25519Length : PublicKey.CompressedPointLength;
        if (body.Length != expectedLength)
        {
            problem = $"A {type} key in did:key is {expectedLength} bytes, not {body.Length}.";
            return false;
        }

        key = PublicKey.TryCreate(type.Value, body);
        problem = key is null ? $"The bytes are not a valid {type} public key." : null;
        return key is not null;
    }

    /// <summary>
    /// The DID document the spec's document creation algorithm gives (publicKeyFormat Multikey): one verification
    /// method whose fragment is the multibase value, referenced by authentication, assertionMethod,
    /// capabilityInvocation and capabilityDelegation; for Ed25519 also the derived X25519 key under keyAgreement
    /// (the spec's enableEncryptionKeyDerivation, true by default).
    /// </summary>
    public static JsonObject Document(PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Document(key, MultibaseValue(key));
    }

    /// <summary>The document, given the key's multibase value already at hand (the DID being resolved carries it).</summary>
    internal static JsonObject Document(PublicKey key, string multibase)
    {
        var did = Prefix + multibase;
        var methodId = did + "#" + multibase;
        var methods = new JsonArray { Method(methodId, did, multibase) };
        var document = new JsonObject
        {
            ["@context"] = new JsonArray([.. Contexts.Select(c => JsonValue.Create(c))]),
            ["id"] = did,
            ["verificationMethod"] = methods,
            ["authentication"] = new JsonArray(methodId),
            ["assertionMethod"] = new JsonArray(methodId),
            ["capabilityInvocation"] = new JsonArray(methodId),
            ["capabilityDelegation"] = new JsonArray(methodId),
        };

        if (key.Type == KeyType.Ed25519)
        {
            var x25519 = X25519MultibaseValue(key);
            var agreementId = did + "#" + x25519;
            methods.Add(Method(agreementId, did, x25519));
            document["keyAgreement"] = new JsonArray(agreementId);
        }

        return document;
    }

    /// <summary>The multibase value of the X25519 key agreement key an Ed25519 did:key's document lists.</summary>
    internal static string X25519MultibaseValue(PublicKey key) =>
        MultibaseBase58Btc.Encode(Multicodec.Prefix(Multicodec.X25519Public, X25519FromEd25519(key.Bytes)));

    /// <summary>
    /// The Montgomery u-coordinate of an Edwards25519 point, u = (1 + y) / (1 − y) mod p (RFC 7748 §4.1),
    /// which is how the spec derives the X25519 key agreement key of an Ed25519 did:key.
    /// </summary>
    internal static byte[] X25519FromEd25519(ReadOnlySpan<byte> ed25519)
    {
        var yBytes = ed25519.ToArray();
        yBytes[31] &= 0x7f; // the top bit is the sign of x, not part of y
        Array.Reverse(yBytes);
        // BouncyCastle's safegcd inverse over machine words takes microseconds, where a Fermat exponentiation with
        // System.Numerics costs a large share of a signature verification. The key is public, so variable time is fine.
        var y = new BigInteger(1, yBytes).Mod(Field25519);
        var denominator = BigInteger.One.Subtract(y).Mod(Field25519);
        var u = BigInteger.One.Add(y).Multiply(BigIntegers.ModOddInverseVar(Field25519, denominator)).Mod(Field25519);
        var result = u.ToByteArrayUnsigned();
        Array.Reverse(result);
        Array.Resize(ref result, 32);
        return result;
    }

    private static ulong CodecOf(KeyType type) => type switch
    {
        KeyType.Ed25519 => Multicodec.Ed25519Public,
        KeyType.Secp256k1 => Multicodec.Secp256k1Public,
        KeyType.P256 => Multicodec.P256Public,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "No multicodec for this key type."),
    };

    private static JsonObject Method(string id, string controller, string multibase) => new()
    {
        ["id"] = id,
        ["type"] = MultikeyType,
        ["controller"] = controller,
        ["publicKeyMultibase"] = multibase,
    };
}
