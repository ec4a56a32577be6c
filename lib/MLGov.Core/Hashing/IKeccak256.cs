namespace MLGov.Core.Hashing;

/// <summary>
/// Ethereum's keccak256 (the original Keccak padding, not NIST SHA3-256). The one door to the hash
/// for Merkle trees and other hot paths, so the implementation can be swapped in one place.
/// </summary>
public interface IKeccak256
{
    /// <summary>Hashes <paramref name="data"/> into the first 32 bytes of <paramref name="destination"/>.</summary>
    void Hash(ReadOnlySpan<byte> data, Span<byte> destination);
}
