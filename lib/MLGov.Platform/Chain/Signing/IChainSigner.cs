namespace MLGov.Platform.Chain.Signing;

/// <summary>
/// Signs for one chain account. The dev implementation holds a private key in memory
/// (<see cref="LocalKeySigner"/>); in Azure the key stays in Key Vault and only digests travel.
/// Transaction encoding and hashing are the caller's: a signer only ever sees a 32-byte digest.
/// </summary>
public interface IChainSigner
{
    /// <summary>The account's address, EIP-55 checksummed.</summary>
    string Address { get; }

    /// <summary>
    /// Signs a 32-byte Keccak-256 digest with secp256k1. The signature is low-s (EIP-2) and carries the
    /// recovery id (0 or 1) that recovers <see cref="Address"/>. Failures throw
    /// <see cref="ChainSignerException"/>, which says whether trying again later can help.
    /// </summary>
    ValueTask<ChainSignature> SignDigestAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken);
}
