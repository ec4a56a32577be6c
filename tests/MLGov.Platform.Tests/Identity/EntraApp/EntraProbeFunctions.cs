using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using MLGov.Platform.Http;
using MLGov.Platform.Identity;

namespace MLGov.Platform.Tests.Identity.EntraApp;

/// <summary>Two thin functions behind enterprise login, as an app would write them.</summary>
public sealed class EntraProbeFunctions
{
    public const string RequiredRole = "Member";

    private readonly EntraTokenValidator _entra;

    public EntraProbeFunctions(EntraTokenValidator entra)
    {
        _entra = entra;
    }

    [Function("EntraWhoAmI")]
    public async Task<IActionResult> WhoAmI([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "entra/me")] HttpRequest request) =>
        new JsonBodyResult(await _entra.ValidateAsync(request));

    [Function("EntraMembersOnly")]
    public async Task<IActionResult> MembersOnly([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "entra/members")] HttpRequest request) =>
        new JsonBodyResult(await _entra.RequireAsync(request, RequiredRole));
}
