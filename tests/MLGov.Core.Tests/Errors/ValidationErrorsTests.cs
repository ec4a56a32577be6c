using MLGov.Core.Errors;

namespace MLGov.Core.Tests.Errors;

public sealed class ValidationErrorsTests
{
    [Fact]
    public void No_problems_throws_nothing()
    {
        var errors = new ValidationErrors().Check(true, "a", "a is wrong");

        Assert.True(errors.IsEmpty);
        Assert.False(errors.Has("a"));
        errors.ThrowIfAny("The thing is invalid");
    }

    [Fact]
    public void Every_problem_is_reported_at_once_and_the_first_per_member_wins()
    {
        var errors = new ValidationErrors()
            .Check(false, "a", "a is wrong")
            .Check(false, "a", "a is also wrong")
            .Check(false, "b", "b is wrong");

        Assert.False(errors.IsEmpty);
        Assert.True(errors.Has("a"));
        var error = Assert.Throws<ValidationException>(() => errors.ThrowIfAny("The thing is invalid"));
        Assert.Equal("The thing is invalid: a is wrong b is wrong", error.Message);
        Assert.Equal(["a is wrong"], error.Errors["a"]);
        Assert.Equal(["b is wrong"], error.Errors["b"]);
        Assert.Equal(2, error.Errors.Count);
    }
}
