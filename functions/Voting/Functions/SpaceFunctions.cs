using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using MLGov.Core.Errors;
using MLGov.Platform.Chain;
using MLGov.Platform.Chain.Contracts;
using MLGov.Platform.Http;
using MLGov.Platform.Identity;
using MLGov.Platform.OpenApi;
using MLGov.Voting.Domain.Spaces;
using MLGov.Voting.Spaces;

namespace MLGov.Voting.Functions;

/// <summary>Spaces: created (function key) with the body signed by one of the admins it names; read by anyone.</summary>
public sealed class SpaceFunctions
{
    private readonly JsonRequestReader _reader;
    private readonly SpaceStore _spaces;
    private readonly SignedBodyVerifier _signatures;
    private readonly TimeProvider _time;
    private readonly ChainOptions _chain;
    private readonly ContractAddressOptions _contracts;

    public SpaceFunctions(JsonRequestReader reader, SpaceStore spaces, SignedBodyVerifier signatures, TimeProvider time, IOptions<ChainOptions> chain, IOptions<ContractAddressOptions> contracts)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(contracts);
        _reader = reader;
        _spaces = spaces;
        _signatures = signatures;
        _time = time;
        _chain = chain.Value;
        _contracts = contracts.Value;
    }

    /// <summary>
    /// Creates a space. Header <c>Body-Signature</c>: a detached JWS over the body by a key of one of the space's admins
    /// (audience the voting app's), so nobody names admins who did not agree. The same definition again is a 200.
    /// </summary>
    [Function("VotingCreateSpace")]
    [AcceptsJson(typeof(SpaceDefinition))]
    [RespondsWith(StatusCodes.Status201Created, typeof(SpaceResource), Headers = ["Location"])]
    [RespondsWith(StatusCodes.Status200OK, typeof(SpaceResource), Description = "The same space existed already.")]
    [RespondsWithProblem(StatusCodes.Status400BadRequest, Description = "The definition is not valid, or names another chain or finalizer than this service's.")]
    [RespondsWithProblem(StatusCodes.Status401Unauthorized, Description = "The Body-Signature is missing, forged, stale or for another audience.")]
    [RespondsWithProblem(StatusCodes.Status403Forbidden, Description = "The signer is not among the space's admins.")]
    [RespondsWithProblem(StatusCodes.Status409Conflict, Description = "Another space has this id.")]
    public async Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "voting/spaces")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (body, bytes) = await _reader.ReadWithBodyAsync<SpaceDefinition>(request, cancellationToken);
        var space = SpaceRules.Validate(body);
        new ValidationErrors()
            .Check(space.ChainId == _chain.ChainId, "chainId", $"This service votes on chain {_chain.ChainId}.")
            .Check(_contracts.GovernanceFinalizer is null || string.Equals(space.Finalizer, _contracts.GovernanceFinalizer, StringComparison.OrdinalIgnoreCase), "finalizer", $"This service posts results to the finalizer {_contracts.GovernanceFinalizer}.")
            .ThrowIfAny("The space cannot be served here");
        var signer = await _signatures.VerifyAsync(request.Headers[SignedBodyVerifier.Header].ToString(), bytes, cancellationToken);
        if (!space.Admins.Contains(signer, StringComparer.Ordinal))
        {
            throw new ForbiddenException($"The body is signed by {signer}, who is not among the space's admins.");
        }

        var (record, created) = await _spaces.CreateAsync(space, signer, _time.GetUtcNow(), cancellationToken);
        return new JsonBodyResult(SpaceResource.From(record), created ? StatusCodes.Status201Created : StatusCodes.Status200OK, "/api/voting/spaces/" + space.Id);
    }

    [Function("VotingGetSpace")]
    [RespondsWith(StatusCodes.Status200OK, typeof(SpaceResource))]
    [RespondsWithProblem(StatusCodes.Status404NotFound, Description = "No such space.")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "voting/spaces/{spaceId}")] HttpRequest request,
        string spaceId,
        CancellationToken cancellationToken) =>
        new JsonBodyResult(SpaceResource.From(await _spaces.GetAsync(spaceId, cancellationToken)));
}
