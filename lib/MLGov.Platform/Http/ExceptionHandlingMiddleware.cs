using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;
using MLGov.Core.Errors;

namespace MLGov.Platform.Http;

/// <summary>
/// Worker middleware: typed domain errors become their problem details; anything else is logged
/// and answered with a generic 500 that leaks nothing. Non-HTTP invocations rethrow so the host
/// records the failure (and Service Bus consumers abandon).
/// </summary>
public sealed partial class ExceptionHandlingMiddleware : IFunctionsWorkerMiddleware
{
    private readonly ILogger<ExceptionHandlingMiddleware> _logger;

    public ExceptionHandlingMiddleware(ILogger<ExceptionHandlingMiddleware> logger)
    {
        _logger = logger;
    }

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception exception) when (context.GetHttpContext() is { Response.HasStarted: false } httpContext)
        {
            var domain = Unwrap(exception);
            ProblemDetailsResult problem;
            if (domain is not null)
            {
                LogRejected(_logger, context.FunctionDefinition.Name, domain.Kind, domain.Message);
                problem = ProblemDetailsMapper.ToProblem(domain);
            }
            else if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
            {
                return;
            }
            else
            {
                LogFailed(_logger, exception, context.FunctionDefinition.Name, context.InvocationId);
                problem = ProblemDetailsMapper.Unexpected();
            }

            await problem.WriteAsync(httpContext).ConfigureAwait(false);
        }
    }

    private static DomainException? Unwrap(Exception exception) => exception switch
    {
        DomainException domain => domain,
        AggregateException { InnerExceptions.Count: 1 } aggregate => Unwrap(aggregate.InnerExceptions[0]),
        System.Reflection.TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "{FunctionName} rejected the request as {ProblemKind}: {Detail}")]
    private static partial void LogRejected(ILogger logger, string functionName, string problemKind, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "{FunctionName} failed in invocation {InvocationId}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string functionName, string invocationId);
}
