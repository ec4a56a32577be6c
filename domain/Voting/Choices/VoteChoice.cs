using System.Text;
using MLGov.Core.Hashing;

namespace MLGov.Voting.Domain.Choices;

/// <summary>
/// A voter's choice, validated for its voting type and proposal. <see cref="Text"/> is its canonical text (the only
/// text accepted for it, so one choice has one hash): the string a wallet signs in the vote's typed data, and
/// <see cref="Hash"/> = keccak256 of its UTF-8 bytes is the <c>choiceHash</c> of the vote's Merkle leaf. Build one
/// with <see cref="ChoiceParser"/>.
/// </summary>
public sealed class VoteChoice
{
    private readonly int[] _choices;
    private readonly ChoiceAllocation[] _allocations;
    private byte[]? _hash;

    internal VoteChoice(VotingType type, string text, int[] choices, ChoiceAllocation[] allocations)
    {
        Type = type;
        Text = text;
        _choices = choices;
        _allocations = allocations;
    }

    public VotingType Type { get; }

    /// <summary>The canonical text.</summary>
    public string Text { get; }

    /// <summary>
    /// Basic and single-choice: the one choice. Approval: the approved choices, ascending. Ranked choice: the ranking
    /// as cast, rank 1 first, 0 for a skipped rank and repeated choices kept (the count applies the rules).
    /// Weighted and quadratic: empty.
    /// </summary>
    public ReadOnlySpan<int> Choices => _choices;

    /// <summary>Weighted and quadratic: the parts per choice, choices ascending. Otherwise empty.</summary>
    public ReadOnlySpan<ChoiceAllocation> Allocations => _allocations;

    /// <summary>keccak256 of the canonical text's UTF-8 bytes (a copy).</summary>
    public byte[] Hash => (byte[])(_hash ??= Keccak256.Compute(Encoding.UTF8.GetBytes(Text))).Clone();

    /// <summary>The hash without a copy, for leaves built in bulk (never written to).</summary>
    internal ReadOnlyMemory<byte> HashMemory => _hash ??= Keccak256.Compute(Encoding.UTF8.GetBytes(Text));

    /// <summary>Records the hash already computed from the same text (the signed-vote check computes it for the digest).</summary>
    internal void KnowHash(ReadOnlySpan<byte> hash) => _hash ??= hash.ToArray();

    public override string ToString() => Text;
}
