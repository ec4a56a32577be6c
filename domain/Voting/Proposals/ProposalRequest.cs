using System.Text.Json.Nodes;
using MLGov.Voting.Domain.Spaces;

namespace MLGov.Voting.Domain.Proposals;

/// <summary>
/// A proposal as its author submits it. Settings left out come from the space's defaults: <see cref="Type"/>,
/// <see cref="Strategies"/>, <see cref="Quorum"/>, <see cref="PassThreshold"/>, <see cref="Eligibility"/>,
/// <see cref="VotesMayChange"/>, and <see cref="End"/> (start + the space's voting period). <see cref="Choices"/> are the
/// choices' titles (basic: leave it out for For, Against, Abstain). <see cref="Snapshot"/> is the block whose state
/// gives the weights. <see cref="Execution"/> is a call the timelock makes once the result is finalized.
/// <see cref="ShieldedThreshold"/> makes ballots encrypted, the key split among the space's keyholders, t of them needed.
/// </summary>
public sealed record ProposalRequest(
    string Space,
    string Title,
    long Snapshot,
    DateTimeOffset Start,
    string Body = "",
    IReadOnlyList<string>? Choices = null,
    string? Type = null,
    JsonArray? Strategies = null,
    DateTimeOffset? End = null,
    QuorumSetting? Quorum = null,
    int? PassThreshold = null,
    Eligibility? Eligibility = null,
    bool? VotesMayChange = null,
    ExecutionCall? Execution = null,
    int? ShieldedThreshold = null);

/// <summary>A call the GovernanceTimelock makes once the proposal's result is finalized: <see cref="Target"/> and its calldata (0x hex).</summary>
public sealed record ExecutionCall(string Target, string Calldata);
