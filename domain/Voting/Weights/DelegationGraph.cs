using MLGov.Core.Errors;
using MLGov.Core.Identifiers;

namespace MLGov.Voting.Domain.Weights;

/// <summary>
/// The delegations of one space: at most one delegate per delegator, never a loop.
/// <list type="bullet">
/// <item>A delegator's <b>latest</b> message stands: a later timestamp replaces (or, to the zero address, revokes) the
/// earlier delegation. A message not later than the delegator's latest one is refused (<see cref="ConflictException"/>),
/// so an old signed delegation cannot be replayed after it was replaced or revoked; the same message again changes
/// nothing.</item>
/// <item>A delegation that would close a loop (A → B → … → A, or A → A) is refused with a
/// <see cref="DelegationLoopException"/> naming the loop; the graph is unchanged.</item>
/// <item>Addresses are compared case-insensitively.</item>
/// </list>
/// Signatures are checked before, by <see cref="DelegationTypedData.Verify"/>. To rebuild the graph, add each
/// delegator's latest accepted message (revocations included); they form no loop, so the order does not matter.
/// </summary>
public sealed class DelegationGraph
{
    /// <summary>How far in the future (seconds) a delegation's timestamp may be, for clock skew.</summary>
    public const ulong MaxFutureSkewSeconds = 300;

    private readonly byte[] _space;
    private readonly Dictionary<string, DelegationMessage> _latest = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _delegateOf = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>An empty graph for the space <paramref name="space"/> (32 bytes).</summary>
    public DelegationGraph(ReadOnlyMemory<byte> space)
    {
        if (space.Length != 32)
        {
            throw new ArgumentException("The space is 32 bytes.", nameof(space));
        }

        _space = space.ToArray();
    }

    /// <summary>How many delegators have a delegate.</summary>
    public int Count => _delegateOf.Count;

    /// <summary>The standing delegations, ordered by delegator address.</summary>
    public IReadOnlyList<DelegationMessage> Delegations =>
        [.. _latest.Values.Where(m => !m.IsRevocation).OrderBy(m => m.Delegator, StringComparer.OrdinalIgnoreCase)];

    /// <summary>Every delegator's latest message, revocations included (what to store to rebuild the graph).</summary>
    public IReadOnlyList<DelegationMessage> Latest =>
        [.. _latest.Values.OrderBy(m => m.Delegator, StringComparer.OrdinalIgnoreCase)];

    /// <summary>The direct delegate of <paramref name="delegator"/>, or null.</summary>
    public string? DelegateOf(string delegator) => _delegateOf.GetValueOrDefault(delegator);

    /// <summary>
    /// Adds a delegation (signature already verified). Refused: another space, malformed addresses, a timestamp more
    /// than <see cref="MaxFutureSkewSeconds"/> after <paramref name="now"/> (<see cref="ValidationException"/>); a
    /// message not later than the delegator's latest (<see cref="ConflictException"/>); a loop
    /// (<see cref="DelegationLoopException"/>). A refused message changes nothing.
    /// </summary>
    public DelegationChange Add(DelegationMessage delegation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(delegation);
        new ValidationErrors()
            .Check(delegation.Space.Span.SequenceEqual(_space), "space", "The delegation is for another space.")
            .EvmAddress("delegator", delegation.Delegator)
            .EvmAddress("delegate", delegation.Delegate)
            .Check(delegation.Timestamp <= (ulong)Math.Max(0, now.ToUnixTimeSeconds()) + MaxFutureSkewSeconds, "timestamp", "The delegation's timestamp is in the future.")
            .ThrowIfAny("The delegation is not valid");

        var delegator = delegation.Delegator;
        if (_latest.TryGetValue(delegator, out var latest))
        {
            if (latest.Timestamp == delegation.Timestamp && string.Equals(latest.Delegate, delegation.Delegate, StringComparison.OrdinalIgnoreCase))
            {
                return DelegationChange.Unchanged;
            }

            if (delegation.Timestamp <= latest.Timestamp)
            {
                throw new ConflictException($"The delegator has a later delegation (timestamp {latest.Timestamp}); only a later one replaces it.");
            }
        }

        if (delegation.IsRevocation)
        {
            _latest[delegator] = delegation;
            return _delegateOf.Remove(delegator) ? DelegationChange.Revoked : DelegationChange.Unchanged;
        }

        if (FindLoop(delegator, delegation.Delegate) is { } loop)
        {
            throw new DelegationLoopException(loop);
        }

        var replaced = _delegateOf.ContainsKey(delegator);
        _latest[delegator] = delegation;
        _delegateOf[delegator] = delegation.Delegate;
        return replaced ? DelegationChange.Replaced : DelegationChange.Set;
    }

    /// <summary>The loop delegator → delegate → … → delegator the new edge would close, or null.</summary>
    private List<string>? FindLoop(string delegator, string delegateAddress)
    {
        var path = new List<string> { delegator };
        var current = delegateAddress;
        // The graph has no loop, so the walk ends within Count + 1 steps; the bound only guards against a broken invariant.
        for (var steps = 0; steps <= _delegateOf.Count + 1; steps++)
        {
            path.Add(current);
            if (string.Equals(current, delegator, StringComparison.OrdinalIgnoreCase))
            {
                return path;
            }

            if (!_delegateOf.TryGetValue(current, out var next))
            {
                return null;
            }

            current = next;
        }

        throw new InvalidOperationException("The delegation graph holds a loop.");
    }
}
