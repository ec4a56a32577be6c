namespace MLGov.Voting.Domain.Shielded;

/// <summary>
/// What splitting a proposal key gives: the X25519 public key ballots are encrypted to (published), the threshold t,
/// the Feldman commitments (published; 33-byte compressed secp256k1 points aⱼ·G, j = 0..t−1) and one share per
/// keyholder (each handed to its keyholder only).
/// </summary>
public sealed record ThresholdKeySetup(ReadOnlyMemory<byte> PublicKey, int Threshold, IReadOnlyList<ReadOnlyMemory<byte>> Commitments, IReadOnlyList<KeyShare> Shares);
