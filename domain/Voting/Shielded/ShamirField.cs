using System.Numerics;
using System.Security.Cryptography;

namespace MLGov.Voting.Domain.Shielded;

/// <summary>
/// Shamir secret sharing arithmetic over GF(p): a polynomial f of degree t−1 with f(0) the secret and the other
/// coefficients uniformly random; share i is (i, f(i)); any t shares give f(0) by Lagrange interpolation at 0.
/// Fewer than t shares reveal nothing: for every candidate secret there is exactly one polynomial of degree t−1
/// through it and the t−1 shares, so each secret is equally likely given them.
/// </summary>
internal sealed class ShamirField
{
    public ShamirField(BigInteger prime) => Prime = prime;

    public BigInteger Prime { get; }

    /// <summary>A uniformly random element of GF(p) (rejection sampling, no modulo bias).</summary>
    public BigInteger Random()
    {
        var length = Prime.GetByteCount(isUnsigned: true);
        var bytes = new byte[length];
        while (true)
        {
            RandomNumberGenerator.Fill(bytes);
            var value = new BigInteger(bytes, isUnsigned: true, isBigEndian: true) & ((BigInteger.One << (int)Prime.GetBitLength()) - 1);
            if (value < Prime)
            {
                return value;
            }
        }
    }

    /// <summary>f(x) = Σ coefficients[j]·x^j mod p (Horner).</summary>
    public BigInteger Evaluate(IReadOnlyList<BigInteger> coefficients, BigInteger x)
    {
        var result = BigInteger.Zero;
        for (var j = coefficients.Count - 1; j >= 0; j--)
        {
            result = ((result * x) + coefficients[j]) % Prime;
        }

        return result;
    }

    /// <summary>f(0) from points of distinct non-zero x: Σ yᵢ·Πⱼ≠ᵢ xⱼ/(xⱼ − xᵢ) mod p.</summary>
    public BigInteger InterpolateAtZero(IReadOnlyList<(BigInteger X, BigInteger Y)> points)
    {
        var secret = BigInteger.Zero;
        for (var i = 0; i < points.Count; i++)
        {
            BigInteger numerator = 1, denominator = 1;
            for (var j = 0; j < points.Count; j++)
            {
                if (i != j)
                {
                    numerator = numerator * points[j].X % Prime;
                    denominator = denominator * Mod(points[j].X - points[i].X) % Prime;
                }
            }

            secret = (secret + (points[i].Y * numerator % Prime * Inverse(denominator))) % Prime;
        }

        return secret;
    }

    public BigInteger Mod(BigInteger value)
    {
        var result = value % Prime;
        return result.Sign < 0 ? result + Prime : result;
    }

    /// <summary>a^(p−2) mod p: the inverse of a non-zero a in a prime field (Fermat).</summary>
    public BigInteger Inverse(BigInteger value) => BigInteger.ModPow(value, Prime - 2, Prime);
}
