using MLGov.Trust.Status;

namespace MLGov.Trust.Tests.Status;

public sealed class RandomStatusIndexAllocatorTests
{
    [Fact]
    public void Hands_out_every_index_once_and_then_refuses()
    {
        var allocator = new RandomStatusIndexAllocator();
        var seen = new bool[allocator.Length];

        for (var i = 0; i < allocator.Length; i++)
        {
            var index = allocator.Allocate();
            Assert.InRange(index, 0, allocator.Length - 1);
            Assert.False(seen[index], $"index {index} handed out twice");
            seen[index] = true;
        }

        Assert.Equal(0, allocator.Free);
        Assert.Throws<InvalidOperationException>(() => allocator.Allocate());
    }

    [Fact]
    public void Indexes_are_spread_over_the_list_in_no_order()
    {
        var allocator = new RandomStatusIndexAllocator();

        var indexes = Enumerable.Range(0, 1000).Select(_ => allocator.Allocate()).ToList();

        // Sequential or clustered allocation would tell a verifier the issuance order; 1000 uniform draws from 131,072
        // fall in every eighth of the list and are not sorted (each of these fails with negligible probability).
        Assert.All(Enumerable.Range(0, 8), eighth => Assert.Contains(indexes, i => i / (allocator.Length / 8) == eighth));
        Assert.NotEqual(indexes.Order().ToList(), indexes);
    }

    [Fact]
    public void Persisted_state_continues_without_reusing_an_index()
    {
        var first = new RandomStatusIndexAllocator();
        var handedOut = Enumerable.Range(0, 5000).Select(_ => first.Allocate()).ToHashSet();

        var restored = RandomStatusIndexAllocator.FromState(first.ExportState());
        var next = Enumerable.Range(0, 5000).Select(_ => restored.Allocate()).ToList();

        Assert.Equal(first.Length - 5000, restored.Free + 5000);
        Assert.DoesNotContain(next, handedOut.Contains);
        Assert.Equal(10_000, handedOut.Concat(next).Distinct().Count());
    }

    [Fact]
    public void The_state_has_the_status_list_layout()
    {
        var allocator = RandomStatusIndexAllocator.FromState(new byte[16_384]);
        var index = allocator.Allocate();

        var state = allocator.ExportState();

        Assert.Equal(0x80 >> (index % 8), state[index / 8]);
        Assert.Equal(1, state.Sum(b => System.Numerics.BitOperations.PopCount(b)));
    }

    [Fact]
    public void Refuses_state_too_short_for_a_list()
    {
        Assert.Throws<ArgumentException>(() => RandomStatusIndexAllocator.FromState(new byte[100]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomStatusIndexAllocator(1000));
    }
}
