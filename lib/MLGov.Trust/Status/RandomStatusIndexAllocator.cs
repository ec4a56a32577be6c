using System.Numerics;
using System.Security.Cryptography;

namespace MLGov.Trust.Status;

/// <summary>
/// Allocates indexes uniformly at random among the unused ones, from a cryptographic random source. While the list is
/// mostly free it draws and retries; once few remain it picks the n-th free index directly, so allocation stays fast
/// until the last index.
/// </summary>
public sealed class RandomStatusIndexAllocator : IStatusIndexAllocator
{
    private const int MaxDraws = 32;

    private readonly byte[] _used;

    /// <summary>A fresh allocator for a list of <paramref name="length"/> indexes, none used.</summary>
    public RandomStatusIndexAllocator(int length = BitstringStatusList.MinimumLength)
    {
        if (length < BitstringStatusList.MinimumLength || length % 8 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, $"A status list has at least {BitstringStatusList.MinimumLength} entries, a multiple of 8.");
        }

        _used = new byte[length / 8];
        Free = length;
    }

    private RandomStatusIndexAllocator(byte[] used)
    {
        _used = used;
        var usedCount = 0;
        foreach (var b in used)
        {
            usedCount += BitOperations.PopCount(b);
        }

        Free = Length - usedCount;
    }

    public int Length => _used.Length * 8;

    public int Free { get; private set; }

    /// <summary>An allocator continuing from persisted state; throws when the state cannot be a list's (too short, not whole bytes).</summary>
    public static RandomStatusIndexAllocator FromState(ReadOnlySpan<byte> state)
    {
        if (state.Length * 8L < BitstringStatusList.MinimumLength)
        {
            throw new ArgumentException($"The state covers fewer than {BitstringStatusList.MinimumLength} indexes.", nameof(state));
        }

        return new RandomStatusIndexAllocator(state.ToArray());
    }

    public int Allocate()
    {
        if (Free == 0)
        {
            throw new InvalidOperationException("Every index of this status list is used; start a new list.");
        }

        for (var draw = 0; draw < MaxDraws; draw++)
        {
            var candidate = RandomNumberGenerator.GetInt32(Length);
            if (!IsUsed(candidate))
            {
                return Take(candidate);
            }
        }

        // Few free indexes left: choose the n-th free one, n uniform, which is as random as drawing until one is free.
        var n = RandomNumberGenerator.GetInt32(Free);
        for (var i = 0; i < _used.Length; i++)
        {
            var freeHere = 8 - BitOperations.PopCount(_used[i]);
            if (n >= freeHere)
            {
                n -= freeHere;
                continue;
            }

            for (var bit = 0; bit < 8; bit++)
            {
                if (!IsUsed((i * 8) + bit) && n-- == 0)
                {
                    return Take((i * 8) + bit);
                }
            }
        }

        throw new InvalidOperationException("The allocator's free count disagrees with its state.");
    }

    public byte[] ExportState() => _used.ToArray();

    private bool IsUsed(int index) => (_used[index >> 3] & (0x80 >> (index & 7))) != 0;

    private int Take(int index)
    {
        _used[index >> 3] |= (byte)(0x80 >> (index & 7));
        Free--;
        return index;
    }
}
