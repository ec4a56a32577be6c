namespace MLGov.Voting.Domain.Weights;

/// <summary>
/// What a delegator signs: in the space <paramref name="Space"/> (32 bytes), <paramref name="Delegator"/> lets
/// <paramref name="Delegate"/> carry their weight on every proposal they do not vote on themselves, from
/// <paramref name="Timestamp"/> (Unix seconds) until a later delegation of theirs replaces it. A delegate of the zero
/// address revokes (<see cref="IsRevocation"/>).
/// </summary>
public sealed record DelegationMessage(ReadOnlyMemory<byte> Space, string Delegator, string Delegate, ulong Timestamp)
{
    /// <summary>The zero address: a delegation to it revokes the delegator's delegation.</summary>
    public const string ZeroAddress = "0x0000000000000000000000000000000000000000";

    /// <summary>Whether this message revokes (its delegate is the zero address).</summary>
    public bool IsRevocation => string.Equals(Delegate, ZeroAddress, StringComparison.OrdinalIgnoreCase);
}
