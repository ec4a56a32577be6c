namespace MLGov.Voting.Domain.Choices;

/// <summary>How a proposal's choices are voted and counted (docs/voting.md describes each).</summary>
public enum VotingType
{
    /// <summary>Three fixed choices: 1 for, 2 against, 3 abstain. Choice text: <c>1</c>, <c>2</c> or <c>3</c>.</summary>
    Basic,

    /// <summary>One of N choices. Choice text: the 1-based choice number, e.g. <c>2</c>.</summary>
    SingleChoice,

    /// <summary>Any non-empty set of the N choices, each getting the voter's full weight. Choice text: ascending numbers, e.g. <c>[1,3]</c>.</summary>
    Approval,

    /// <summary>The voter's weight split across choices in proportion to integer parts. Choice text: <c>{"1":3,"4":1}</c>, keys ascending.</summary>
    Weighted,

    /// <summary>Like weighted, but each choice receives the integer square root of the weight (credits) given to it.</summary>
    Quadratic,

    /// <summary>A ranking of the choices, counted by instant runoff. Choice text: <c>[3,1,2]</c>; 0 marks a skipped rank.</summary>
    RankedChoice,
}
