using System.Security.Cryptography;

namespace MLGov.Trust.Keys;

/// <summary>
/// Verifies ES256 signatures for one P-256 public key with .NET's <see cref="ECDsa"/>. Importing a key into the platform
/// (OpenSSL checks it, builds its key objects) costs more than a verification, so the imported object is kept with the
/// key and reused by every verification through the same <see cref="PublicKey"/> (a cached DID resolution hands out the
/// same one). An <see cref="ECDsa"/> instance is not documented as safe for concurrent use, so each verification takes an
/// instance out of a few slots and puts it back afterwards; concurrent verifications with one key import their own.
/// </summary>
internal sealed class P256Verifier
{
    private readonly ECParameters _parameters;
    private readonly ECDsa?[] _slots = new ECDsa?[Math.Min(Environment.ProcessorCount, 4)];

    public P256Verifier(byte[] x, byte[] y)
    {
        _parameters = new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } };
    }

    /// <summary>Verifies an IEEE P1363 R||S signature over the SHA-256 hash; false when r or s is outside [1, n − 1].</summary>
    public bool Verify(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> signature)
    {
        var ecdsa = Take() ?? ECDsa.Create(_parameters);
        try
        {
            return ecdsa.VerifyHash(hash, signature);
        }
        finally
        {
            Return(ecdsa);
        }
    }

    private ECDsa? Take()
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            if (Volatile.Read(ref _slots[i]) is not null && Interlocked.Exchange(ref _slots[i], null) is { } taken)
            {
                return taken;
            }
        }

        return null;
    }

    private void Return(ECDsa ecdsa)
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _slots[i], ecdsa, null) is null)
            {
                return;
            }
        }

        ecdsa.Dispose();
    }
}
