using Microsoft.AspNetCore.Http;
using MLGov.Core.Errors;

namespace MLGov.Platform.Http;

/// <summary>The one place typed domain errors become HTTP problem details.</summary>
public static class ProblemDetailsMapper
{
    public static int StatusFor(DomainException exception) => exception switch
    {
        ValidationException => StatusCodes.Status400BadRequest,
        UnauthorizedException => StatusCodes.Status401Unauthorized,
        ForbiddenException => StatusCodes.Status403Forbidden,
        NotFoundException => StatusCodes.Status404NotFound,
        // A stale ETag is a failed precondition (re-read and retry); a create of something that exists,
        // like any other conflict with the current state, is 409.
        ConcurrencyConflictException => StatusCodes.Status412PreconditionFailed,
        AlreadyExistsException => StatusCodes.Status409Conflict,
        ConflictException => StatusCodes.Status409Conflict,
        PayloadTooLargeException => StatusCodes.Status413PayloadTooLarge,
        UnsupportedMediaTypeException => StatusCodes.Status415UnsupportedMediaType,
        _ => StatusCodes.Status400BadRequest,
    };

    public static ProblemDetailsResult ToProblem(DomainException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var errors = exception is ValidationException validation ? validation.Errors : null;
        return new ProblemDetailsResult(StatusFor(exception), exception.Kind, exception.Title, exception.Message, errors);
    }

    /// <summary>The body for anything unexpected: no message, type or stack trace leaks out.</summary>
    public static ProblemDetailsResult Unexpected() =>
        new(StatusCodes.Status500InternalServerError, "internal", "Internal error", "The request could not be completed. It has been logged.");
}
