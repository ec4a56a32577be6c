using MLGov.Core.Errors;

namespace MLGov.Core.Tests.Errors;

/// <summary>
/// Each typed error is one problem type of the API (RFC 9457): its kind is the last segment of the
/// type URI and its title the stable summary, both part of the contract with callers.
/// </summary>
public sealed class DomainExceptionTests
{
    public static TheoryData<DomainException, string, string> Problems => new()
    {
        { new ValidationException("m"), "validation", "Invalid request" },
        { new UnauthorizedException("m"), "unauthorized", "Unauthorized" },
        { new ForbiddenException("m"), "forbidden", "Forbidden" },
        { new NotFoundException("m"), "not-found", "Not found" },
        { new ConflictException("m"), "conflict", "Conflict" },
        { new ConcurrencyConflictException("m"), "concurrency-conflict", "Concurrent modification" },
        { new AlreadyExistsException("m"), "already-exists", "Already exists" },
        { new PayloadTooLargeException("m"), "payload-too-large", "Payload too large" },
        { new UnsupportedMediaTypeException("m"), "unsupported-media-type", "Unsupported media type" },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void Each_error_is_one_problem_type(DomainException error, string kind, string title)
    {
        Assert.Equal(kind, error.Kind);
        Assert.Equal(title, error.Title);
        Assert.Equal("m", error.Message);
        Assert.Null(error.InnerException);
    }

    [Fact]
    public void The_cause_is_kept()
    {
        var cause = new InvalidOperationException("etag mismatch");

        Assert.Same(cause, new ConcurrencyConflictException("changed", cause).InnerException);
        Assert.Same(cause, new NotFoundException("gone", cause).InnerException);
        Assert.Same(cause, new ValidationException("bad", null, cause).InnerException);
    }

    [Fact]
    public void A_concurrency_conflict_and_an_existing_row_are_conflicts_of_different_kinds()
    {
        Assert.IsAssignableFrom<ConflictException>(new ConcurrencyConflictException("changed"));
        Assert.IsAssignableFrom<ConflictException>(new AlreadyExistsException("there"));
        Assert.IsNotAssignableFrom<ConcurrencyConflictException>(new AlreadyExistsException("there"));
    }

    [Fact]
    public void A_validation_error_without_members_has_an_empty_map_and_For_names_one_member()
    {
        Assert.Empty(new ValidationException("bad").Errors);

        var error = ValidationException.For("amount", "amount is negative");

        Assert.Equal("amount is negative", error.Message);
        Assert.Equal(["amount is negative"], Assert.Single(error.Errors, e => e.Key == "amount").Value);
    }
}
