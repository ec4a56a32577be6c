namespace MLGov.Platform.Chain.Signing;

/// <summary>A secp256k1 signature over a digest: 32-byte big-endian <c>r</c> and <c>s</c> (low-s) and the recovery id, 0 or 1.</summary>
public sealed record ChainSignature
{
    public ChainSignature(byte[] r, byte[] s, byte recoveryId)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(s);
        if (r.Length != 32 || s.Length != 32)
        {
            throw new ArgumentException("r and s are 32 bytes each.");
        }

        if (recoveryId > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(recoveryId), recoveryId, "The recovery id is 0 or 1.");
        }

        R = r;
        S = s;
        RecoveryId = recoveryId;
    }

    public byte[] R { get; }

    public byte[] S { get; }

    public byte RecoveryId { get; }
}
