using System.Numerics;
using MLGov.Voting.Domain.Choices;

namespace MLGov.Voting.Domain.Tally;

/// <summary>
/// Integer arithmetic of weighted and quadratic votes.
/// <para>
/// <b>Split</b> (largest remainder): a weight W over parts p₁..pₖ with P = Σp gives choice i ⌊W·pᵢ/P⌋; the
/// R = W − Σ⌊W·pᵢ/P⌋ units left (R &lt; k) go one each to the R choices with the largest remainders (W·pᵢ mod P), ties
/// to the lower choice number. The shares always add up to W exactly.
/// </para>
/// <para>
/// <b>Quadratic</b>: the split shares are credits; choice i receives ⌊√creditsᵢ⌋ votes (the integer square root, the
/// largest v with v² ≤ credits).
/// </para>
/// </summary>
public static class WeightSplit
{
    public static BigInteger[] Split(BigInteger weight, ReadOnlySpan<ChoiceAllocation> allocations)
    {
        if (weight.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), "A weight is not negative.");
        }

        if (allocations.IsEmpty)
        {
            throw new ArgumentException("A split needs at least one choice.", nameof(allocations));
        }

        BigInteger total = 0;
        foreach (var allocation in allocations)
        {
            total += allocation.Parts;
        }

        var shares = new BigInteger[allocations.Length];
        var remainders = new BigInteger[allocations.Length];
        var left = weight;
        for (var i = 0; i < allocations.Length; i++)
        {
            shares[i] = BigInteger.DivRem(weight * allocations[i].Parts, total, out remainders[i]);
            left -= shares[i];
        }

        if (left > 0)
        {
            var order = Enumerable.Range(0, allocations.Length).ToArray();
            var choices = allocations.ToArray();
            // Largest remainder first; equal remainders: the lower choice number first.
            Array.Sort(order, (a, b) => remainders[a] != remainders[b] ? remainders[b].CompareTo(remainders[a]) : choices[a].Choice.CompareTo(choices[b].Choice));
            for (var i = 0; i < (int)left; i++)
            {
                shares[order[i]] += 1;
            }
        }

        return shares;
    }

    /// <summary>⌊√n⌋ for n ≥ 0, exactly (Newton's iteration on integers).</summary>
    public static BigInteger IntegerSquareRoot(BigInteger n)
    {
        if (n.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), "No square root of a negative number.");
        }

        if (n < 2)
        {
            return n;
        }

        // Start above the root (2^ceil(bits/2)) and descend: x_{k+1} = (x_k + n / x_k) / 2 until it stops decreasing.
        var x = BigInteger.One << (int)((n.GetBitLength() + 1) / 2);
        while (true)
        {
            var next = (x + (n / x)) >> 1;
            if (next >= x)
            {
                return x;
            }

            x = next;
        }
    }
}
