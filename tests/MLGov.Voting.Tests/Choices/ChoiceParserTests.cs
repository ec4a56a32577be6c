using MLGov.Core.Errors;
using MLGov.Core.Hashing;
using MLGov.Voting.Domain.Choices;

namespace MLGov.Voting.Tests.Choices;

public sealed class ChoiceParserTests
{
    [Theory]
    [InlineData(VotingType.Basic, 3, "1")]
    [InlineData(VotingType.Basic, 3, "3")]
    [InlineData(VotingType.SingleChoice, 5, "5")]
    [InlineData(VotingType.Approval, 5, "[1,3,5]")]
    [InlineData(VotingType.Weighted, 4, "{\"1\":3,\"4\":1}")]
    [InlineData(VotingType.Quadratic, 4, "{\"2\":100}")]
    [InlineData(VotingType.RankedChoice, 4, "[3,1,2]")]
    [InlineData(VotingType.RankedChoice, 4, "[0,2,2,1]")]
    public void A_canonical_choice_is_accepted_as_written(VotingType type, int choices, string text)
    {
        var choice = ChoiceParser.Parse(type, choices, text);

        Assert.Equal(text, choice.Text);
        Assert.Equal(Keccak256.Compute(System.Text.Encoding.UTF8.GetBytes(text)), choice.Hash);
    }

    [Fact]
    public void The_parsed_parts_are_what_the_text_says()
    {
        Assert.Equal([3, 1, 2], ChoiceParser.Parse(VotingType.RankedChoice, 3, "[3,1,2]").Choices.ToArray());
        Assert.Equal([new ChoiceAllocation(1, 3), new ChoiceAllocation(4, 1)], ChoiceParser.Parse(VotingType.Weighted, 4, "{\"1\":3,\"4\":1}").Allocations.ToArray());
        Assert.Equal("{\"1\":3,\"4\":1}", ChoiceParser.Map([new ChoiceAllocation(4, 1), new ChoiceAllocation(1, 3)]));
        Assert.Equal("[2,1]", ChoiceParser.List([2, 1]));
    }

    [Theory]
    [InlineData(VotingType.Basic, 3, "4", "does not exist")]
    [InlineData(VotingType.Basic, 3, "for", "basic choice is 1")]
    [InlineData(VotingType.SingleChoice, 3, "0", "does not exist")]
    [InlineData(VotingType.SingleChoice, 3, "01", "single choice")]
    [InlineData(VotingType.SingleChoice, 3, " 1", "single choice")]
    [InlineData(VotingType.SingleChoice, 3, "", "empty")]
    [InlineData(VotingType.Approval, 3, "[]", "at least one")]
    [InlineData(VotingType.Approval, 3, "[2,1]", "ascending")]
    [InlineData(VotingType.Approval, 3, "[1,1]", "ascending")]
    [InlineData(VotingType.Approval, 3, "[1, 2]", "approval choice is a list")]
    [InlineData(VotingType.Approval, 3, "[1,4]", "does not exist")]
    [InlineData(VotingType.Weighted, 3, "{\"1\":0}", "between 1 and")]
    [InlineData(VotingType.Weighted, 3, "{\"2\":1,\"1\":1}", "ascending")]
    [InlineData(VotingType.Weighted, 3, "{}", "at least one")]
    [InlineData(VotingType.Weighted, 3, "{1:1}", "map from choice numbers")]
    [InlineData(VotingType.Quadratic, 3, "{\"1\":-1}", "map from choice numbers")]
    [InlineData(VotingType.Quadratic, 3, "{\"1\":1000000001}", "between 1 and")]
    [InlineData(VotingType.RankedChoice, 3, "[0,0]", "every rank is skipped")]
    [InlineData(VotingType.RankedChoice, 3, "[1,2,3,1]", "at most 3 ranks")]
    [InlineData(VotingType.RankedChoice, 3, "[1,9]", "does not exist")]
    [InlineData(VotingType.RankedChoice, 3, "[1,2", "ranked choice is a list")]
    public void A_malformed_choice_is_refused_with_the_problem(VotingType type, int choices, string text, string problem)
    {
        var error = Assert.Throws<ValidationException>(() => ChoiceParser.Parse(type, choices, text));

        Assert.Contains(error.Errors["choice"], p => p.Contains(problem, StringComparison.Ordinal));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_of_a_choice_is_listed()
    {
        var error = Assert.Throws<ValidationException>(() => ChoiceParser.Parse(VotingType.Weighted, 3, "{\"2\":0,\"1\":5,\"7\":1}"));

        Assert.Equal(3, error.Errors["choice"].Length);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1001)]
    public void A_proposal_needs_2_to_1000_choices(int choices)
    {
        Assert.Throws<ValidationException>(() => ChoiceParser.Parse(VotingType.SingleChoice, choices, "1"));
    }
}
