using System.Globalization;
using System.Numerics;
using MLGov.Contracts.GovernanceFinalizer;
using MLGov.Contracts.GovernanceTimelock;
using MLGov.Contracts.TestToken;
using MLGov.Core.Encoding;
using MLGov.Platform.Chain.Transactions;
using MLGov.Voting.Domain.Proposals;
using MLGov.Voting.Domain.Tally;
using Nethereum.Contracts;

namespace MLGov.Voting.Finalizing;

/// <summary>
/// The chain intents of a proposal's life, one step each; ids are <c>{step}:{proposal}:{attempt}</c> so a reverted step can be
/// tried again under a new id:
/// <list type="bullet">
/// <item><c>proposal.approve</c>: the voting account lets the finalizer take proposal bonds in the bond token.</item>
/// <item><c>proposal.post</c>: <c>postResult(proposal, resultHash, votesRoot, target, callData)</c> with the proposer bond. A passed proposal
/// with an execution call records <c>timelock.schedule(target, 0, calldata, 0, proposal, delay)</c>, so finalizing queues the call;
/// a dispute vote records <c>timelock.schedule(finalizer, 0, resolveDispute(disputed, stands, reason), 0, proposal, delay)</c>.</item>
/// <item><c>proposal.finalize</c>: <c>finalize(proposal)</c> once the challenge window has passed.</item>
/// <item><c>proposal.execute</c>: <c>timelock.execute(...)</c> of the queued call once its delay has passed.</item>
/// </list>
/// </summary>
public static class ProposalIntents
{
    public const string Approve = "proposal.approve";
    public const string Post = "proposal.post";
    public const string Finalize = "proposal.finalize";
    public const string Execute = "proposal.execute";

    public static readonly IReadOnlyList<string> Kinds = [Approve, Post, Finalize, Execute];

    public static string IdOf(string step, string proposalId, int attempt) =>
        $"{step.Replace("proposal.", string.Empty, StringComparison.Ordinal)}:{proposalId}:{attempt.ToString(CultureInfo.InvariantCulture)}";

    public static ChainIntent ApproveBonds(string proposalId, int attempt, string bondToken, string finalizer) =>
        ChainIntent.Call(IdOf(Approve, proposalId, attempt), Approve, bondToken, new ApproveFunction { Spender = finalizer, Value = BigInteger.Pow(2, 256) - 1 });

    public static ChainIntent PostResult(ProposalDefinition terms, string resultHash, string? votesRoot, int attempt, TimelockCall? call) =>
        ChainIntent.Call(IdOf(Post, terms.Id, attempt), Post, terms.Finalizer, new PostResultFunction
        {
            ProposalId = Hex.Decode(terms.Id),
            ResultHash = Hex.Decode(resultHash),
            VotesRoot = votesRoot is null ? new byte[32] : Hex.Decode(votesRoot),
            Target = call?.Timelock ?? "0x0000000000000000000000000000000000000000",
            CallData = call?.ScheduleCallData() ?? [],
        });

    public static ChainIntent FinalizeResult(ProposalDefinition terms, int attempt) =>
        ChainIntent.Call(IdOf(Finalize, terms.Id, attempt), Finalize, terms.Finalizer, new FinalizeFunction { ProposalId = Hex.Decode(terms.Id) });

    public static ChainIntent ExecuteCall(string proposalId, int attempt, TimelockCall call) =>
        ChainIntent.Call(IdOf(Execute, proposalId, attempt), Execute, call.Timelock, call.ExecuteFunction());

    /// <summary>
    /// What a finalized proposal has the timelock run: its own execution call when it passed, or, for a dispute vote, the
    /// resolution of the disputed proposal; null when nothing runs.
    /// </summary>
    public static TimelockCall? CallOf(ProposalDefinition terms, ProposalResult result, string timelock, ulong delay, string? disputedProposalId)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(result);
        if (disputedProposalId is not null)
        {
            // "Does the posted result of the disputed proposal stand?" For: it stands; against: it is wrong; no decision otherwise.
            bool? stands = result.Outcome switch
            {
                "passed" => true,
                "rejected" when result.Winners is [2] => false,
                _ => null,
            };
            return stands is null ? null : new TimelockCall(
                timelock,
                terms.Finalizer,
                new ResolveDisputeFunction { ProposalId = Hex.Decode(disputedProposalId), ResultStands = stands.Value, Reason = "decided by the space's vote " + terms.Id }.GetCallData(),
                Hex.Decode(terms.Id),
                delay);
        }

        return result.Outcome == "passed" && terms.Execution is { } execution
            ? new TimelockCall(timelock, execution.Target, Hex.Decode(execution.Calldata), Hex.Decode(terms.Id), delay)
            : null;
    }
}

/// <summary>A call the timelock runs after <see cref="Delay"/> seconds: <see cref="Target"/> with <see cref="Data"/>, salted with the proposal id.</summary>
public sealed record TimelockCall(string Timelock, string Target, byte[] Data, byte[] Salt, ulong Delay)
{
    public byte[] ScheduleCallData() => new ScheduleFunction
    {
        Target = Target,
        Value = 0,
        Data = Data,
        Predecessor = new byte[32],
        Salt = Salt,
        Delay = Delay,
    }.GetCallData();

    public ExecuteFunction ExecuteFunction() => new()
    {
        Target = Target,
        Value = 0,
        Payload = Data,
        Predecessor = new byte[32],
        Salt = Salt,
    };
}
