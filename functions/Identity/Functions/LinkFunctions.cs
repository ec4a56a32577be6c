using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using MLGov.Identity.Issuing;
using MLGov.Identity.Links;
using MLGov.Platform.Http;
using MLGov.Platform.Identity;
using MLGov.Platform.OpenApi;

namespace MLGov.Identity.Functions;

/// <summary>Enterprise login bridged to DIDs: an Entra ID bearer token plus a DID's proof links the account to the DID.</summary>
public sealed class LinkFunctions
{
    private readonly JsonRequestReader _reader;
    private readonly EntraTokenValidator _entra;
    private readonly LinkService _links;
    private readonly PublicOrigin _origin;

    public LinkFunctions(JsonRequestReader reader, EntraTokenValidator entra, LinkService links, PublicOrigin origin)
    {
        _reader = reader;
        _entra = entra;
        _links = links;
        _origin = origin;
    }

    /// <summary>
    /// Links the caller's account (bearer token) to a DID that proves control with a JWS over {nonce, did, aud} (nonce from
    /// POST /api/identity/challenges), issues an EnterpriseMemberCredential with the token's roles, and mints a badge to the
    /// DID's Ethereum address when it has one. Relinking revokes the previous credential and badge.
    /// </summary>
    [Function("IdentityLink")]
    [EntraBearer]
    [AcceptsJson(typeof(LinkRequest))]
    [RespondsWith(StatusCodes.Status201Created, typeof(LinkResource), Description = "Linked; credential is the EnterpriseMemberCredential.")]
    [RespondsWith(StatusCodes.Status200OK, typeof(LinkResource), Description = "Linked already to this DID with these roles; nothing changed.")]
    [RespondsWithProblem(StatusCodes.Status401Unauthorized, Description = "The bearer token or the DID proof is not accepted.")]
    public async Task<IActionResult> Link(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "identity/links")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var principal = await _entra.ValidateAsync(request);
        var body = await _reader.ReadAsync<LinkRequest>(request, cancellationToken);
        var (link, credential, created) = await _links.LinkAsync(principal, body, _origin.Of(request), cancellationToken);
        return new JsonBodyResult(LinkResource.From(link.Value, credential), created ? StatusCodes.Status201Created : StatusCodes.Status200OK, "/api/identity/links/me");
    }

    /// <summary>The caller's link (bearer token), with the badge's state.</summary>
    [Function("IdentityGetLink")]
    [EntraBearer]
    [RespondsWith(StatusCodes.Status200OK, typeof(LinkResource))]
    [RespondsWithProblem(StatusCodes.Status404NotFound, Description = "The account has never been linked.")]
    public async Task<IActionResult> GetLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "identity/links/me")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var principal = await _entra.ValidateAsync(request);
        var link = await _links.GetAsync(principal, cancellationToken);
        return new JsonBodyResult(LinkResource.From(link.Value));
    }

    /// <summary>Unlinks the caller's account from the DID: revokes the credential, and the badge on chain.</summary>
    [Function("IdentityUnlink")]
    [EntraBearer]
    [RespondsWith(StatusCodes.Status200OK, typeof(LinkResource))]
    [RespondsWithProblem(StatusCodes.Status404NotFound, Description = "The account is not linked to this DID.")]
    public async Task<IActionResult> Unlink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "identity/links/{did}")] HttpRequest request,
        string did,
        CancellationToken cancellationToken)
    {
        var principal = await _entra.ValidateAsync(request);
        var link = await _links.UnlinkAsync(principal, Uri.UnescapeDataString(did), cancellationToken);
        return new JsonBodyResult(LinkResource.From(link.Value));
    }

    /// <summary>Who the caller is, proven by a presentation of an EnterpriseMemberCredential (Authorization: VP ...): the holder DID, tenant and roles.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Functions are instance methods of the class the worker creates.")]
    [Function("IdentityWhoAmI")]
    [RequiresCredential(Domain.Links.EnterpriseMembership.CredentialType)]
    [RespondsWith(StatusCodes.Status200OK, typeof(MemberResource))]
    [RespondsWithProblem(StatusCodes.Status401Unauthorized, Description = "No presentation, or one that does not verify.")]
    public IActionResult WhoAmI(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "identity/members/me")] HttpRequest request)
    {
        var caller = request.GetVerifiedCaller();
        var claims = caller.ClaimsOf(Domain.Links.EnterpriseMembership.CredentialType)!;
        return new JsonBodyResult(new MemberResource(
            caller.Did,
            (string?)claims["tenantId"] ?? string.Empty,
            claims["roles"] is System.Text.Json.Nodes.JsonArray roles ? [.. roles.Select(r => (string)r!)] : []));
    }
}

/// <summary>A caller proven by an EnterpriseMemberCredential.</summary>
public sealed record MemberResource(string Did, string TenantId, IReadOnlyList<string> Roles);
