using Azure;
using MLGov.Core.Errors;

namespace MLGov.Platform.Tables;

/// <summary>Turns the Table service's status codes into the platform's typed errors.</summary>
internal static class TableErrors
{
    public static Exception Translate(RequestFailedException exception, string table, string what) => exception.Status switch
    {
        412 => new ConcurrencyConflictException($"{what} in table '{table}' was changed by someone else; re-read and retry.", exception),
        409 when exception.ErrorCode == "EntityAlreadyExists" => new AlreadyExistsException($"{what} already exists in table '{table}'.", exception),
        404 => new NotFoundException($"{what} was not found in table '{table}'.", exception),
        _ => exception,
    };
}
