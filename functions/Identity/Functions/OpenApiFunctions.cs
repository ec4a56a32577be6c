using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using MLGov.Platform.OpenApi;

namespace MLGov.Identity.Functions;

/// <summary>The app's OpenAPI 3.1 document, generated from its functions (docs/api.md).</summary>
public sealed class OpenApiFunctions
{
    private readonly ApiDescription _description;

    public OpenApiFunctions(ApiDescription description)
    {
        _description = description;
    }

    [Function("IdentityOpenApi")]
    [ExcludeFromApiDescription]
    public IActionResult GetOpenApi(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "identity/openapi.json")] HttpRequest request) => _description.ToResult();
}
