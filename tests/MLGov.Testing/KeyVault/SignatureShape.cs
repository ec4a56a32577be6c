namespace MLGov.Testing.KeyVault;

/// <summary>
/// Which of the two valid ECDSA signatures (r, s) and (r, n - s) the stand-in returns. Key Vault does not
/// normalise s, so a client must cope with <see cref="AsSigned"/> (either half, at random).
/// </summary>
public enum SignatureShape
{
    AsSigned,
    HighS,
    LowS,
}
