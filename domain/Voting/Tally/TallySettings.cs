using System.Numerics;
using MLGov.Core.Errors;
using MLGov.Core.Identifiers;
using MLGov.Voting.Domain.Choices;

namespace MLGov.Voting.Domain.Tally;

/// <summary>
/// What a tally needs to know about its proposal. <see cref="ProposalId"/> (32 bytes), <see cref="ChainId"/> and
/// <see cref="Finalizer"/> are bound into every Merkle leaf as the GovernanceFinalizer's <c>voteLeaf</c> expects.
/// <see cref="PassThresholdBasisPoints"/>: the leading choice must have strictly more than this share of the support
/// base (see docs/voting.md) to pass; 0 means any unique leader passes. <see cref="TotalWeight"/> is needed only for a
/// quorum in basis points.
/// </summary>
public sealed record TallySettings(
    ReadOnlyMemory<byte> ProposalId,
    BigInteger ChainId,
    string Finalizer,
    VotingType Type,
    int ChoiceCount,
    QuorumRule Quorum,
    int PassThresholdBasisPoints,
    bool VotesMayChange,
    BigInteger? TotalWeight = null)
{
    /// <summary>The choice count the type really has (basic: 3).</summary>
    public int EffectiveChoiceCount => Type == VotingType.Basic ? ChoiceParser.BasicChoices : ChoiceCount;

    /// <summary>Refuses settings a tally cannot run with, listing every problem.</summary>
    public void Validate()
    {
        var errors = new ValidationErrors()
            .Check(ProposalId.Length == 32, "proposalId", "The proposal id is 32 bytes.")
            .Check(ChainId.Sign > 0, "chainId", "The chain id is a positive integer.")
            .Check(EvmAddress.IsValid(Finalizer), "finalizer", EvmAddress.Problem("The finalizer"))
            .Check(Enum.IsDefined(Type), "type", "The voting type is unknown.")
            .Check(EffectiveChoiceCount is >= 2 and <= ChoiceParser.MaxChoices, "choiceCount", $"A proposal has 2 to {ChoiceParser.MaxChoices} choices.")
            .Check(PassThresholdBasisPoints is >= 0 and < 10_000, "passThreshold", "The pass threshold is 0 to 9,999 basis points.")
            .Check(Quorum is not null, "quorum", "A quorum rule is required (QuorumRule.None for none).")
            .Check(Quorum?.Kind != QuorumKind.BasisPoints || TotalWeight is { Sign: > 0 }, "totalWeight", "A quorum in basis points needs the total eligible weight.");
        errors.ThrowIfAny("The tally settings are not valid");
    }
}
