using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using MLGov.Identity.Resolution;
using MLGov.Platform.OpenApi;
using MLGov.Trust.Dids;

namespace MLGov.Identity.Functions;

/// <summary>The Universal Resolver's route: resolves a DID for anyone (did:key, did:pkh, did:web) and answers with its resolution result.</summary>
public sealed class DidResolutionFunctions
{
    private readonly IDidResolver _resolver;

    public DidResolutionFunctions(IDidResolver resolver)
    {
        _resolver = resolver;
    }

    [Function("IdentityResolveDid")]
    [RespondsWith(StatusCodes.Status200OK, typeof(DidResolutionResult), Description = "The DID resolution result (application/did-resolution); with Accept: application/did+ld+json or application/did+json only the DID document.")]
    [RespondsWith(StatusCodes.Status400BadRequest, typeof(DidResolutionResult), Description = "invalidDid: not a DID, or a DID its method cannot read; the result carries didResolutionMetadata.error.")]
    [RespondsWith(StatusCodes.Status404NotFound, typeof(DidResolutionResult), Description = "notFound: the did:web server has no document for the DID.")]
    [RespondsWith(StatusCodes.Status501NotImplemented, typeof(DidResolutionResult), Description = "methodNotSupported: the DID method (or did:pkh namespace) is not resolved here.")]
    [RespondsWith(StatusCodes.Status502BadGateway, typeof(DidResolutionResult), Description = "invalidDidDocument or internalError: the did:web server was unreachable, slow, answered too much or an invalid document.")]
    public async Task<IActionResult> ResolveDid(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "identity/1.0/identifiers/{did}")] HttpRequest request,
        string did,
        CancellationToken cancellationToken)
    {
        var identifier = ResolutionRoute.IdentifierOf(request, did);
        var result = await _resolver.ResolveAsync(identifier, cancellationToken);
        return new DidResolutionResponse(result, ResolutionRoute.WantsDocumentOnly(request));
    }
}
