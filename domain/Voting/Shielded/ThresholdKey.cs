using System.Numerics;
using MLGov.Core.Errors;
using NSec.Cryptography;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Math.EC;

namespace MLGov.Voting.Domain.Shielded;

/// <summary>
/// A proposal's X25519 key split t-of-n among keyholders (Shamir), with Feldman commitments so that a wrong share is
/// refused.
/// <para>
/// <b>Field.</b> Shares live in GF(n) with n the order of secp256k1's group (a 256-bit prime,
/// FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFE BAAEDCE6 AF48A03B BFD25E8C D0364141), so that the commitments can live in that
/// group. The secret is the 32-byte X25519 private key read as a big-endian integer, drawn below n (X25519 accepts any
/// 32 bytes; the ~2⁻¹²⁸ of keys at or above n are simply drawn again).
/// </para>
/// <para>
/// <b>Commitments (Feldman VSS).</b> For f(x) = a₀ + a₁x + … + aₜ₋₁xᵗ⁻¹ the split publishes Cⱼ = aⱼ·G. Share (i, yᵢ) is
/// genuine exactly when yᵢ·G = Σⱼ iʲ·Cⱼ. This lets each keyholder check its share at once (a dealer cannot hand out
/// shares of different keys) and lets the reconstruction refuse a share that a keyholder altered or mistyped, naming
/// it, instead of rebuilding a wrong key. The shares themselves are information-theoretically hiding (t−1 shares fit
/// every secret equally); the commitments hide the coefficients only computationally (discrete logarithm on
/// secp256k1), and C₀ = secret·G reveals nothing usable about the X25519 key without breaking that.
/// Finally the rebuilt key's X25519 public key must equal the published one.
/// </para>
/// <para>
/// The dealer holds the whole key for the instant of the split and must discard it; the private key then exists only
/// as shares until t keyholders hand theirs in after the proposal closes.
/// </para>
/// </summary>
public static class ThresholdKey
{
    public const int MaxKeyholders = 255;

    private static readonly X9ECParameters Curve = Org.BouncyCastle.Asn1.Sec.SecNamedCurves.GetByName("secp256k1");

    internal static readonly ShamirField Field = new(new BigInteger(Curve.N.ToByteArrayUnsigned(), isUnsigned: true, isBigEndian: true));

    /// <summary>Creates a proposal key and splits it t-of-n; the private key is not kept.</summary>
    public static ThresholdKeySetup Create(int threshold, int keyholders)
    {
        if (keyholders is < 1 or > MaxKeyholders || threshold < 1 || threshold > keyholders)
        {
            throw new ValidationException(
                $"A key is split among 1 to {MaxKeyholders} keyholders with a threshold from 1 to their number.",
                new Dictionary<string, string[]> { ["threshold"] = [$"The threshold {threshold} of {keyholders} keyholders is not possible."] });
        }

        BigInteger secret;
        do
        {
            secret = Field.Random();
        }
        while (secret.IsZero);

        var privateKey = To32Bytes(secret);
        var coefficients = new List<BigInteger> { secret };
        for (var j = 1; j < threshold; j++)
        {
            coefficients.Add(Field.Random());
        }

        var shares = Enumerable.Range(1, keyholders).Select(i => new KeyShare(i, To32Bytes(Field.Evaluate(coefficients, i)))).ToArray();
        var commitments = coefficients.Select(a => (ReadOnlyMemory<byte>)Curve.G.Multiply(ToBouncy(a)).Normalize().GetEncoded(true)).ToArray();
        return new ThresholdKeySetup(PublicKeyOf(privateKey), threshold, commitments, shares);
    }

    /// <summary>Whether the share matches the commitments: yᵢ·G = Σⱼ iʲ·Cⱼ.</summary>
    public static bool Verify(IReadOnlyList<ReadOnlyMemory<byte>> commitments, KeyShare share)
    {
        ArgumentNullException.ThrowIfNull(commitments);
        ArgumentNullException.ThrowIfNull(share);
        if (share.Index is < 1 or > MaxKeyholders || share.Value.Length != 32 || commitments.Count == 0)
        {
            return false;
        }

        var y = new BigInteger(share.Value.Span, isUnsigned: true, isBigEndian: true);
        if (y >= Field.Prime)
        {
            return false;
        }

        try
        {
            ECPoint expected = Curve.Curve.Infinity;
            var power = BigInteger.One;
            foreach (var commitment in commitments)
            {
                expected = expected.Add(Curve.Curve.DecodePoint(commitment.ToArray()).Multiply(ToBouncy(power)));
                power = power * share.Index % Field.Prime;
            }

            return Curve.G.Multiply(ToBouncy(y)).Normalize().Equals(expected.Normalize());
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// Rebuilds the private key from shares. Refused (naming the shares): fewer than t distinct shares, a share index
    /// given twice, a share that does not match the commitments, and a result whose public key is not the published one.
    /// </summary>
    public static byte[] Reconstruct(ReadOnlyMemory<byte> publicKey, int threshold, IReadOnlyList<ReadOnlyMemory<byte>> commitments, IReadOnlyList<KeyShare> shares)
    {
        ArgumentNullException.ThrowIfNull(commitments);
        ArgumentNullException.ThrowIfNull(shares);
        var errors = new ValidationErrors();
        var repeated = shares.GroupBy(s => s.Index).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        errors.Check(repeated.Length == 0, "shares", $"Share {string.Join(", ", repeated)} is given more than once.");
        var wrong = shares.Where(s => !Verify(commitments, s)).Select(s => s.Index).ToArray();
        errors.Check(wrong.Length == 0, "shares", $"Share {string.Join(", ", wrong)} does not match the key's commitments.");
        errors.Check(commitments.Count == threshold, "commitments", $"A {threshold}-of-n key has {threshold} commitments, not {commitments.Count}.");
        errors.Check(shares.Count >= threshold, "shares", $"The key needs {threshold} shares; {shares.Count} were given.");
        errors.ThrowIfAny("The key cannot be rebuilt");

        var points = shares.Take(threshold).Select(s => ((BigInteger)s.Index, new BigInteger(s.Value.Span, isUnsigned: true, isBigEndian: true))).ToArray();
        var privateKey = To32Bytes(Field.InterpolateAtZero(points));
        if (!PublicKeyOf(privateKey).AsSpan().SequenceEqual(publicKey.Span))
        {
            throw ValidationException.For("shares", "The rebuilt key is not the proposal's key.");
        }

        return privateKey;
    }

    /// <summary>The X25519 public key of a 32-byte private key.</summary>
    public static byte[] PublicKeyOf(ReadOnlySpan<byte> privateKey)
    {
        using var key = Key.Import(KeyAgreementAlgorithm.X25519, privateKey, KeyBlobFormat.RawPrivateKey);
        return key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
    }

    private static byte[] To32Bytes(BigInteger value)
    {
        var bytes = new byte[32];
        value.TryWriteBytes(bytes.AsSpan(32 - value.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        return bytes;
    }

    private static Org.BouncyCastle.Math.BigInteger ToBouncy(BigInteger value) => new(1, value.ToByteArray(isUnsigned: true, isBigEndian: true));
}
