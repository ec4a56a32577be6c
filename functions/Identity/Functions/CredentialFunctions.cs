using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using MLGov.Identity.Credentials;
using MLGov.Identity.Domain.Credentials;
using MLGov.Identity.Issuing;
using MLGov.Platform.Http;
using MLGov.Platform.OpenApi;

namespace MLGov.Identity.Functions;

/// <summary>Issues credentials signed by the identity app's issuer key, and revokes, suspends and reinstates them (function key).</summary>
public sealed class CredentialFunctions
{
    private readonly JsonRequestReader _reader;
    private readonly CredentialStore _store;
    private readonly PublicOrigin _origin;
    private readonly TimeProvider _time;

    public CredentialFunctions(JsonRequestReader reader, CredentialStore store, PublicOrigin origin, TimeProvider time)
    {
        _reader = reader;
        _store = store;
        _origin = origin;
        _time = time;
    }

    /// <summary>Issues a VC-JWT to the subject DID with a revocation and a suspension status entry, and publishes credential.issued.</summary>
    [Function("IdentityIssueCredential")]
    [AcceptsJson(typeof(CredentialRequest))]
    [RespondsWith(StatusCodes.Status201Created, typeof(CredentialResource), Description = "Issued; credential is the signed VC-JWT for the holder.", Headers = ["Location"])]
    [RespondsWithProblem(StatusCodes.Status400BadRequest, Description = "The request is invalid (subject, types, claims, validity, format).")]
    public async Task<IActionResult> Issue(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "identity/credentials")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await _reader.ReadAsync<CredentialRequest>(request, cancellationToken);
        var plan = CredentialRules.Plan(body, _time.GetUtcNow());
        var origin = _origin.Of(request);
        var issued = await _store.IssueAsync(plan, origin, cancellationToken);
        return new JsonBodyResult(CredentialResource.From(issued.Value, origin), StatusCodes.Status201Created, "/api/identity/credentials/" + issued.Value.CredentialId);
    }

    [Function("IdentityGetCredential")]
    [RespondsWith(StatusCodes.Status200OK, typeof(CredentialResource))]
    [RespondsWithProblem(StatusCodes.Status404NotFound, Description = "No such credential.")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "identity/credentials/{credentialId}")] HttpRequest request,
        string credentialId,
        CancellationToken cancellationToken)
    {
        var stored = await _store.GetAsync(credentialId, cancellationToken);
        return new JsonBodyResult(CredentialResource.From(stored.Value, _origin.Of(request)));
    }

    /// <summary>Revokes for good: sets the credential's bit in the revocation list and publishes credential.revoked. Repeating it changes nothing.</summary>
    [Function("IdentityRevokeCredential")]
    [AcceptsJson(typeof(StatusChangeRequest))]
    [RespondsWith(StatusCodes.Status200OK, typeof(CredentialResource))]
    [RespondsWithProblem(StatusCodes.Status404NotFound, Description = "No such credential.")]
    public Task<IActionResult> Revoke(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "identity/credentials/{credentialId}/revoke")] HttpRequest request,
        string credentialId,
        CancellationToken cancellationToken) => ChangeAsync(request, credentialId, StatusAction.Revoke, cancellationToken);

    /// <summary>Suspends: sets the credential's bit in the suspension list. Refused (409) for a revoked credential.</summary>
    [Function("IdentitySuspendCredential")]
    [AcceptsJson(typeof(StatusChangeRequest))]
    [RespondsWith(StatusCodes.Status200OK, typeof(CredentialResource))]
    [RespondsWithProblem(StatusCodes.Status409Conflict, Description = "The credential is revoked.")]
    public Task<IActionResult> Suspend(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "identity/credentials/{credentialId}/suspend")] HttpRequest request,
        string credentialId,
        CancellationToken cancellationToken) => ChangeAsync(request, credentialId, StatusAction.Suspend, cancellationToken);

    /// <summary>Lifts a suspension. Refused (409) for a revoked credential.</summary>
    [Function("IdentityUnsuspendCredential")]
    [AcceptsJson(typeof(StatusChangeRequest))]
    [RespondsWith(StatusCodes.Status200OK, typeof(CredentialResource))]
    [RespondsWithProblem(StatusCodes.Status409Conflict, Description = "The credential is revoked.")]
    public Task<IActionResult> Unsuspend(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "identity/credentials/{credentialId}/unsuspend")] HttpRequest request,
        string credentialId,
        CancellationToken cancellationToken) => ChangeAsync(request, credentialId, StatusAction.Unsuspend, cancellationToken);

    private async Task<IActionResult> ChangeAsync(HttpRequest request, string credentialId, StatusAction action, CancellationToken cancellationToken)
    {
        // The body is optional: none, or {"reason": "..."}.
        var change = request.ContentLength is 0 || (request.ContentLength is null && request.ContentType is null)
            ? new StatusChangeRequest()
            : await _reader.ReadAsync<StatusChangeRequest>(request, cancellationToken);
        var decision = await _store.ChangeStatusAsync(credentialId, action, change.Reason, cancellationToken);
        return new JsonBodyResult(CredentialResource.From(decision.Credential, _origin.Of(request)));
    }
}
