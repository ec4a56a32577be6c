namespace MLGov.Voting.Domain.Shielded;

/// <summary>One keyholder's share of a proposal's private key: its index x (1..n) and f(x) as 32 big-endian bytes.</summary>
public sealed record KeyShare(int Index, ReadOnlyMemory<byte> Value);
