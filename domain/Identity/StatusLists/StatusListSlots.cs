using MLGov.Trust.Status;

namespace MLGov.Identity.Domain.StatusLists;

/// <summary>
/// One status list of this issuer, as kept: which indexes are taken (<see cref="Allocated"/>) and the two published
/// bitstrings, revocation and suspension, all three in the spec's <c>encodedList</c> form (GZIP, multibase base64url),
/// so even a list full of set bits fits a table column. A credential gets one random free index, the same in both
/// bitstrings; an index is never given out twice, also not after the credential is revoked.
/// </summary>
public sealed record StatusListSlots(int Sequence, int Free, string Allocated, string Revocation, string Suspension)
{
    /// <summary>Entries per list: the spec's minimum, which is what hides each holder among many.</summary>
    public const int Length = BitstringStatusList.MinimumLength;

    public static StatusListSlots New(int sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequence);
        var empty = BitstringStatusList.Create(Length).Encode();
        return new StatusListSlots(sequence, Length, empty, empty, empty);
    }

    public bool IsFull() => Free == 0;

    /// <summary>Takes a free index uniformly at random; throws when the list is full (start the next one).</summary>
    public (StatusListSlots Slots, int Index) Allocate()
    {
        if (IsFull())
        {
            throw new InvalidOperationException($"Status list {Sequence} is full.");
        }

        var allocator = RandomStatusIndexAllocator.FromState(Decode(Allocated).ToBytes());
        var index = allocator.Allocate();
        return (this with { Free = allocator.Free, Allocated = BitstringStatusList.FromBytes(allocator.ExportState()).Encode() }, index);
    }

    public bool IsAllocated(int index) => Decode(Allocated).Get(index);

    /// <summary>The list for <paramref name="purpose"/> (revocation or suspension).</summary>
    public BitstringStatusList List(string purpose) => Decode(purpose switch
    {
        StatusPurposes.Revocation => Revocation,
        StatusPurposes.Suspension => Suspension,
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "The purpose must be revocation or suspension."),
    });

    /// <summary>These slots with bit <paramref name="index"/> of the <paramref name="purpose"/> list set to <paramref name="value"/>.</summary>
    public StatusListSlots With(string purpose, int index, bool value)
    {
        if (!IsAllocated(index))
        {
            throw new InvalidOperationException($"Index {index} of status list {Sequence} was never allocated.");
        }

        var list = List(purpose);
        list.Set(index, value);
        return purpose == StatusPurposes.Revocation ? this with { Revocation = list.Encode() } : this with { Suspension = list.Encode() };
    }

    private static BitstringStatusList Decode(string encoded) =>
        BitstringStatusList.TryDecode(encoded, out var problem, Length / 8)
        ?? throw new InvalidDataException("A stored status list does not decode: " + problem);
}
