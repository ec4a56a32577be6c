using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using MLGov.Identity.Credentials;
using MLGov.Identity.Issuing;
using MLGov.Platform.OpenApi;

namespace MLGov.Identity.Functions;

/// <summary>Publishes the status lists for anyone who verifies a credential of this issuer.</summary>
public sealed class StatusListFunctions
{
    private readonly StatusListPublisher _publisher;
    private readonly PublicOrigin _origin;

    public StatusListFunctions(StatusListPublisher publisher, PublicOrigin origin)
    {
        _publisher = publisher;
        _origin = origin;
    }

    /// <summary>The BitstringStatusListCredential of a list (<c>{n}-revocation</c> or <c>{n}-suspension</c>) as a signed VC-JWT (application/vc+jwt).</summary>
    [Function("IdentityGetStatusList")]
    [RespondsWith(StatusCodes.Status200OK, typeof(string), Description = "The signed status list credential (application/vc+jwt).", Headers = ["ETag", "Cache-Control"])]
    [RespondsWithProblem(StatusCodes.Status404NotFound, Description = "No such status list.")]
    public async Task<IActionResult> GetStatusList(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "identity/status/{listId}")] HttpRequest request,
        string listId,
        CancellationToken cancellationToken)
    {
        var signed = await _publisher.GetAsync(listId, _origin.Of(request), cancellationToken);
        return new StatusListResult(signed);
    }

    private sealed class StatusListResult(SignedStatusList signed) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/vc+jwt";
            response.Headers.CacheControl = "public, max-age=60";
            await response.WriteAsync(signed.Jwt, context.HttpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
