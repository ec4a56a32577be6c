namespace MLGov.Voting.Domain.Shielded;

/// <summary>A ballot encrypted to a proposal's key: the ballot's own ephemeral X25519 public key and the AEAD ciphertext (with its tag).</summary>
public sealed record EncryptedBallot(ReadOnlyMemory<byte> EphemeralPublicKey, ReadOnlyMemory<byte> Ciphertext);
