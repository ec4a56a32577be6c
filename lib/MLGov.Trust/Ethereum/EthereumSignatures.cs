using MLGov.Core.Encoding;
using MLGov.Core.Errors;
using MLGov.Core.Hashing;
using MLGov.Core.Identifiers;
using Secp256k1Net;

namespace MLGov.Trust.Ethereum;

/// <summary>
/// Ethereum's 65-byte recoverable ECDSA signatures over secp256k1 (<c>r ‖ s ‖ v</c>, as <c>eth_signTypedData_v4</c> and
/// <c>personal_sign</c> return them) on libsecp256k1 through <c>Secp256k1.Net</c>, the fastest recovery available here
/// (about 24,000 per second per core). Recovery refuses what Ethereum refuses: s above n/2 (EIP-2; otherwise anyone
/// could turn one valid signature into a second one without the key) and a v other than 27, 28, 0 or 1.
/// </summary>
public static class EthereumSignatures
{
    public const int SignatureLength = 65;

    public const int AddressLength = 20;

    // The low-level calls take a context; one per thread, kept for the thread's life (contexts are not shared across threads).
    [ThreadStatic]
    private static Secp256k1? _context;

    /// <summary>n/2 for secp256k1, big-endian: the largest s Ethereum accepts.</summary>
    private static ReadOnlySpan<byte> HalfOrder =>
    [
        0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0x5D, 0x57, 0x6E, 0x73, 0x57, 0xA4, 0x50, 0x1D, 0xDF, 0xE9, 0x2F, 0x46, 0x68, 0x1B, 0x20, 0xA0,
    ];

    /// <summary>
    /// Recovers the 20-byte address that signed the 32-byte <paramref name="digest"/> into <paramref name="address"/>;
    /// the hot path: no allocation, no exception.
    /// </summary>
    public static SignatureProblem TryRecoverAddress(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature, Span<byte> address)
    {
        if (digest.Length != 32 || address.Length < AddressLength)
        {
            throw new ArgumentException("The digest is 32 bytes and the address buffer holds 20.");
        }

        if (signature.Length != SignatureLength)
        {
            return SignatureProblem.WrongLength;
        }

        int recoveryId = signature[64] switch
        {
            27 or 28 => signature[64] - 27,
            0 or 1 => signature[64],
            _ => -1,
        };
        if (recoveryId < 0)
        {
            return SignatureProblem.BadRecoveryId;
        }

        if (signature[32..64].SequenceCompareTo(HalfOrder) > 0)
        {
            return SignatureProblem.HighS;
        }

        Span<byte> parsed = stackalloc byte[65];
        Span<byte> publicKey = stackalloc byte[64];
        Span<byte> serialized = stackalloc byte[65];
        // Parsing refuses r or s at or above the group order; recovery refuses zero r or s and points off the curve.
        var secp256k1 = _context ??= new Secp256k1();
        if (!secp256k1.EcdsaRecoverableSignatureParseCompact(parsed, signature[..64], recoveryId)
            || !secp256k1.EcdsaRecover(publicKey, parsed, digest))
        {
            return SignatureProblem.Invalid;
        }

        nuint length = 65;
        _ = secp256k1.EcPubkeySerialize(serialized, ref length, publicKey, Secp256k1EcFlags.Uncompressed);
        Span<byte> hash = stackalloc byte[32];
        Keccak256.Instance.Hash(serialized[1..], hash);
        hash[12..].CopyTo(address);
        return SignatureProblem.None;
    }

    /// <summary>The signer's address (EIP-55 checksummed); refuses a bad signature with a <see cref="ValidationException"/> naming <paramref name="member"/>.</summary>
    public static string RecoverAddress(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature, string member = "signature")
    {
        Span<byte> address = stackalloc byte[AddressLength];
        var problem = TryRecoverAddress(digest, signature, address);
        if (problem != SignatureProblem.None)
        {
            throw ValidationException.For(member, Describe(problem));
        }

        return EvmAddress.ToChecksum(Hex.Encode(address));
    }

    /// <summary>What is wrong, in words a caller can act on.</summary>
    public static string Describe(SignatureProblem problem) => problem switch
    {
        SignatureProblem.WrongLength => "The signature must be 65 bytes: r, s and v.",
        SignatureProblem.BadRecoveryId => "The signature's v must be 27, 28, 0 or 1.",
        SignatureProblem.HighS => "The signature's s is above half the curve order (a malleable signature); sign again with a standard wallet.",
        SignatureProblem.Invalid => "The signature is not a valid secp256k1 signature of this message.",
        _ => "The signature is valid.",
    };

    /// <summary>Signs a 32-byte digest: <c>r ‖ s ‖ v</c> with low s and v 27 or 28, what a wallet returns.</summary>
    public static byte[] Sign(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> privateKey)
    {
        var (compact, recoveryId) = Secp256k1.SignRecoverable(digest, privateKey);
        var signature = new byte[SignatureLength];
        compact.CopyTo(signature, 0);
        signature[64] = (byte)(27 + recoveryId);
        return signature;
    }

    /// <summary>The address of a private key (EIP-55 checksummed): the last 20 bytes of keccak256 of the uncompressed public key.</summary>
    public static string AddressOf(ReadOnlySpan<byte> privateKey)
    {
        var publicKey = Secp256k1.CreatePublicKey(privateKey, compressed: false);
        return EvmAddress.ToChecksum(Hex.Encode(Keccak256.Compute(publicKey.AsSpan(1)).AsSpan(12)));
    }
}
