using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using MLGov.Platform.Http;
using MLGov.Platform.Identity;
using MLGov.Platform.OpenApi;
using MLGov.Trust.Credentials;
using MLGov.Trust.Presentations;

namespace MLGov.Identity.Functions;

/// <summary>Challenges for holders, and verification of their presentations, for anyone.</summary>
public sealed class PresentationFunctions
{
    private readonly JsonRequestReader _reader;
    private readonly PresentationChallenges _challenges;
    private readonly VpJwtVerifier _verifier;

    public PresentationFunctions(JsonRequestReader reader, PresentationChallenges challenges, VpJwtVerifier verifier)
    {
        _reader = reader;
        _challenges = challenges;
        _verifier = verifier;
    }

    /// <summary>Issues a single-use nonce, valid for a few minutes, for a presentation or a link proof addressed to this app's audience.</summary>
    [Function("IdentityIssueChallenge")]
    [RespondsWith(StatusCodes.Status201Created, typeof(PresentationChallenge), Description = "Put nonce and audience into the presentation (nonce, aud) before it expires.")]
    public async Task<IActionResult> IssueChallenge(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "identity/challenges")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var challenge = await _challenges.IssueAsync(cancellationToken);
        return new JsonBodyResult(challenge, StatusCodes.Status201Created);
    }

    /// <summary>
    /// Verifies a VP-JWT: the holder's signature, this app's audience, the nonce (consumed), validity, every credential
    /// (issuer among <c>trustedIssuers</c> when given, status) and holder binding. 200 with every check by name, verified or not.
    /// </summary>
    [Function("IdentityVerifyPresentation")]
    [AcceptsJson(typeof(PresentationVerificationRequest))]
    [RespondsWith(StatusCodes.Status200OK, typeof(PresentationVerificationResult), Description = "The named checks; verified is true only when none failed.")]
    [RespondsWithProblem(StatusCodes.Status400BadRequest, Description = "The body is not a verification request.")]
    public async Task<IActionResult> VerifyPresentation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "identity/presentations/verify")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await _reader.ReadAsync<PresentationVerificationRequest>(request, cancellationToken);
        var expectations = new PresentationExpectations(
            _challenges.Audience,
            new CredentialExpectations(Types: body.Types, TrustedIssuers: body.TrustedIssuers));
        var result = await _verifier.VerifyAsync(body.Presentation, expectations, cancellationToken);
        return new JsonBodyResult(result);
    }
}

/// <summary>A presentation to verify, and optionally what its credentials must be: types each must have, issuers trusted.</summary>
public sealed record PresentationVerificationRequest(string Presentation, IReadOnlyList<string>? Types = null, IReadOnlyList<string>? TrustedIssuers = null);
