using MLGov.Core.Errors;
using MLGov.Core.Hashing;
using MLGov.Voting.Domain.Weights;
using static MLGov.Voting.Tests.Votes;

namespace MLGov.Voting.Tests.Weights;

public sealed class DelegationGraphTests
{
    private static readonly byte[] Space = Keccak256.Compute("space-1"u8);
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(10_000);

    private static DelegationMessage D(int from, int to, ulong timestamp) => new(Space, Voter(from), to == 0 ? DelegationMessage.ZeroAddress : Voter(to), timestamp);

    [Fact]
    public void A_later_delegation_replaces_an_earlier_one_and_the_zero_address_revokes()
    {
        var graph = new DelegationGraph(Space);

        Assert.Equal(DelegationChange.Set, graph.Add(D(1, 2, 10), Now));
        Assert.Equal(DelegationChange.Replaced, graph.Add(D(1, 3, 11), Now));
        Assert.Equal(Voter(3), graph.DelegateOf(Voter(1)));
        Assert.Equal(Voter(3), graph.DelegateOf(Voter(1).ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal)));
        Assert.Equal(DelegationChange.Unchanged, graph.Add(D(1, 3, 11), Now));
        Assert.Equal(DelegationChange.Revoked, graph.Add(D(1, 0, 12), Now));
        Assert.Null(graph.DelegateOf(Voter(1)));
        Assert.Equal(0, graph.Count);
        Assert.Equal([D(1, 0, 12)], graph.Latest);
    }

    [Fact]
    public void An_old_signed_delegation_cannot_be_replayed_after_it_was_replaced_or_revoked()
    {
        var graph = new DelegationGraph(Space);
        graph.Add(D(1, 2, 10), Now);
        graph.Add(D(1, 0, 20), Now);

        Assert.Throws<ConflictException>(() => graph.Add(D(1, 2, 10), Now));
        Assert.Throws<ConflictException>(() => graph.Add(D(1, 3, 20), Now));
        Assert.Null(graph.DelegateOf(Voter(1)));
    }

    [Fact]
    public void Self_delegation_is_refused_as_a_loop()
    {
        var graph = new DelegationGraph(Space);

        var error = Assert.Throws<DelegationLoopException>(() => graph.Add(D(1, 1, 10), Now));

        Assert.Equal([Voter(1), Voter(1)], error.Loop);
        Assert.Contains("themselves", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, graph.Count);
    }

    [Fact]
    public void A_delegation_closing_a_loop_is_refused_naming_it_and_changes_nothing()
    {
        var graph = new DelegationGraph(Space);
        graph.Add(D(1, 2, 10), Now);
        graph.Add(D(2, 3, 10), Now);

        var twoStep = Assert.Throws<DelegationLoopException>(() => graph.Add(D(2, 1, 11), Now));
        var threeStep = Assert.Throws<DelegationLoopException>(() => graph.Add(D(3, 1, 11), Now));

        Assert.Equal([Voter(2), Voter(1), Voter(2)], twoStep.Loop);
        Assert.Equal([Voter(3), Voter(1), Voter(2), Voter(3)], threeStep.Loop);
        Assert.Contains(" → ", threeStep.Message, StringComparison.Ordinal);
        Assert.Equal(Voter(3), graph.DelegateOf(Voter(2)));
        Assert.Null(graph.DelegateOf(Voter(3)));
        Assert.Equal(2, graph.Count);
    }

    [Fact]
    public void A_loop_closed_by_a_later_replacement_is_refused_and_the_earlier_delegation_stands()
    {
        var graph = new DelegationGraph(Space);
        graph.Add(D(1, 2, 10), Now);   // 1 → 2
        graph.Add(D(3, 1, 10), Now);   // 3 → 1
        graph.Add(D(2, 4, 10), Now);   // 2 → 4

        // 2 replaces 4 with 3: 2 → 3 → 1 → 2.
        var error = Assert.Throws<DelegationLoopException>(() => graph.Add(D(2, 3, 11), Now));

        Assert.Equal([Voter(2), Voter(3), Voter(1), Voter(2)], error.Loop);
        Assert.Equal(Voter(4), graph.DelegateOf(Voter(2)));
        // Once 1 revokes, the same replacement (signed later) is fine.
        graph.Add(D(1, 0, 12), Now);
        Assert.Equal(DelegationChange.Replaced, graph.Add(D(2, 3, 13), Now));
    }

    [Fact]
    public void Another_space_a_future_timestamp_and_malformed_addresses_are_refused()
    {
        var graph = new DelegationGraph(Space);
        var otherSpace = D(1, 2, 10) with { Space = Keccak256.Compute("space-2"u8) };
        var future = D(1, 2, 10_000 + DelegationGraph.MaxFutureSkewSeconds + 1);

        Assert.Equal(["space"], Assert.Throws<ValidationException>(() => graph.Add(otherSpace, Now)).Errors.Keys);
        Assert.Equal(["timestamp"], Assert.Throws<ValidationException>(() => graph.Add(future, Now)).Errors.Keys);
        Assert.Equal(["delegate", "delegator"], Assert.Throws<ValidationException>(() => graph.Add(new DelegationMessage(Space, "alice", "0x12", 1), Now)).Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(DelegationChange.Set, graph.Add(D(1, 2, 10_000 + DelegationGraph.MaxFutureSkewSeconds), Now));
    }

    [Fact]
    public void The_latest_messages_rebuild_the_same_graph_in_any_order()
    {
        var graph = new DelegationGraph(Space);
        graph.Add(D(1, 2, 10), Now);
        graph.Add(D(2, 3, 10), Now);
        graph.Add(D(4, 3, 10), Now);
        graph.Add(D(4, 1, 11), Now);
        graph.Add(D(5, 2, 10), Now);
        graph.Add(D(5, 0, 11), Now);

        var rebuilt = new DelegationGraph(Space);
        foreach (var message in graph.Latest.Reverse())
        {
            rebuilt.Add(message, Now);
        }

        Assert.Equal(graph.Delegations, rebuilt.Delegations);
        Assert.Equal(3, rebuilt.Count);
        Assert.Equal(Voter(1), rebuilt.DelegateOf(Voter(4)));
    }
}
