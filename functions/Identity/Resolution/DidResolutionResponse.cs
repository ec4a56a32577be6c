using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using MLGov.Trust.Dids;

namespace MLGov.Identity.Resolution;

/// <summary>
/// A resolution result as the DID Resolution HTTP(S) binding serves it: the status code follows
/// <c>didResolutionMetadata.error</c>, and an error still carries the whole result.
/// </summary>
public sealed class DidResolutionResponse : IActionResult
{
    /// <summary>The DID resolution result media type of the DID Resolution specification.</summary>
    public const string ResultMediaType = "application/did-resolution";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    public DidResolutionResponse(DidResolutionResult result, bool documentOnly)
    {
        ArgumentNullException.ThrowIfNull(result);
        Result = result;
        DocumentOnly = documentOnly;
    }

    public DidResolutionResult Result { get; }

    public bool DocumentOnly { get; }

    public static int StatusCodeOf(DidResolutionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.DidResolutionMetadata.Error switch
        {
            null => StatusCodes.Status200OK,
            DidResolutionErrors.InvalidDid => StatusCodes.Status400BadRequest,
            DidResolutionErrors.NotFound => StatusCodes.Status404NotFound,
            DidResolutionErrors.MethodNotSupported => StatusCodes.Status501NotImplemented,

            // The spec answers internalError with 500; here the failure is the remote did:web server's, not this app's.
            _ => StatusCodes.Status502BadGateway,
        };
    }

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodeOf(Result);
        response.Headers.Vary = "Accept";
        if (DocumentOnly && Result.Succeeded)
        {
            response.ContentType = Result.DidResolutionMetadata.ContentType ?? DidResolutionResult.DidLdJson;
            await JsonSerializer.SerializeAsync(response.Body, Result.DidDocument, Options, context.HttpContext.RequestAborted).ConfigureAwait(false);
            return;
        }

        response.ContentType = ResultMediaType;
        await JsonSerializer.SerializeAsync(response.Body, Result, Options, context.HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
