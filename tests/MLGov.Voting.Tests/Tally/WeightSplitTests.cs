using System.Numerics;
using FsCheck.Xunit;
using MLGov.Voting.Domain.Choices;
using MLGov.Voting.Domain.Tally;

namespace MLGov.Voting.Tests.Tally;

public sealed class WeightSplitTests
{
    [Fact]
    public void Ten_over_three_equal_parts_gives_the_leftover_unit_to_the_lowest_choice()
    {
        // 10·1/3 = 3 rem 1 for each; 10 − 9 = 1 unit left; equal remainders → the lowest choice (1) gets it: 4, 3, 3.
        var shares = WeightSplit.Split(10, [new ChoiceAllocation(1, 1), new ChoiceAllocation(2, 1), new ChoiceAllocation(3, 1)]);

        Assert.Equal([4, 3, 3], shares);
    }

    [Fact]
    public void The_leftover_goes_to_the_largest_remainder()
    {
        // W = 7, parts 2 and 1 (P = 3): 14/3 = 4 rem 2, 7/3 = 2 rem 1; one unit left → choice 1 (remainder 2): 5, 2.
        // Parts 1 and 2 the other way round: 7/3 = 2 rem 1, 14/3 = 4 rem 2 → choice 2 gets it: 2, 5.
        Assert.Equal([5, 2], WeightSplit.Split(7, [new ChoiceAllocation(1, 2), new ChoiceAllocation(2, 1)]));
        Assert.Equal([2, 5], WeightSplit.Split(7, [new ChoiceAllocation(1, 1), new ChoiceAllocation(2, 2)]));
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("1", "1")]
    [InlineData("3", "1")]
    [InlineData("4", "2")]
    [InlineData("99", "9")]
    [InlineData("100", "10")]
    [InlineData("340282366920938463463374607431768211456", "18446744073709551616")] // 2^128 → 2^64
    [InlineData("340282366920938463500268095579187314688", "18446744073709551616")] // (2^64 + 1)^2 − 1 → 2^64
    public void The_integer_square_root_is_the_floor_of_the_root(string n, string root)
    {
        Assert.Equal(BigInteger.Parse(root, System.Globalization.CultureInfo.InvariantCulture), WeightSplit.IntegerSquareRoot(BigInteger.Parse(n, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Property(MaxTest = 300)]
    public bool A_split_always_adds_up_to_the_weight(ulong weight, byte[] parts)
    {
        var allocations = parts.Take(20).Select((p, i) => new ChoiceAllocation(i + 1, p + 1L)).ToArray();
        if (allocations.Length == 0)
        {
            return true;
        }

        var shares = WeightSplit.Split(weight, allocations);
        return shares.Aggregate(BigInteger.Zero, (a, b) => a + b) == weight && shares.All(s => s.Sign >= 0);
    }

    [Property(MaxTest = 300)]
    public bool The_integer_square_root_brackets_n(ulong high, ulong low)
    {
        var n = ((BigInteger)high << 64) + low;
        var r = WeightSplit.IntegerSquareRoot(n);
        return r * r <= n && (r + 1) * (r + 1) > n;
    }
}
