using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using MLGov.Core.Errors;
using MLGov.Core.Identifiers;
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
    private readonly DelegationStore _delegations;

    public SpaceFunctions(
        JsonRequestReader reader, SpaceStore spaces, SignedBodyVerifier signatures, TimeProvider time, IOptions<ChainOptions> chain, IOptions<ContractAddressOptions> contracts, DelegationStore delegations)
    {
        _delegations = delegations;
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

    /// <summary>
    /// The EIP-712 typed data of a delegation in the space, as a wallet signs it: <c>Delegation(bytes32 space, address delegator,
    /// address delegate, uint64 timestamp)</c> (space = keccak256 of the space id); the zero address as delegate revokes.
    /// </summary>
    [Function("VotingDelegationTypedData")]
    [AcceptsQuery("delegator", typeof(string), Description = "The delegator's address.")]
    [AcceptsQuery("delegate", typeof(string), Description = "The delegate's address; the zero address revokes.")]
    [AcceptsQuery("timestamp", typeof(long), Description = "Unix seconds; now when absent. A later delegation replaces an earlier one.")]
    [RespondsWith(StatusCodes.Status200OK, typeof(object), Description = "The typed data: types, primaryType Delegation, domain (MLGov Voting, 1, chainId, the finalizer), message.")]
    [RespondsWithProblem(StatusCodes.Status400BadRequest, Description = "An address or the timestamp is not valid.")]
    [RespondsWithProblem(StatusCodes.Status404NotFound, Description = "No such space.")]
    public async Task<IActionResult> DelegationTypedData(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "voting/spaces/{spaceId}/delegations/typed-data")] HttpRequest request,
        string spaceId,
        CancellationToken cancellationToken)
    {
        var space = (await _spaces.GetAsync(spaceId, cancellationToken)).ToDefinition();
        var delegator = request.Query["delegator"].ToString();
        var @delegate = request.Query["delegate"].ToString();
        var timestampText = request.Query["timestamp"].ToString();
        ulong timestamp = 0;
        new ValidationErrors()
            .Check(EvmAddress.IsValid(delegator), "delegator", EvmAddress.Problem("delegator"))
            .Check(EvmAddress.IsValid(@delegate), "delegate", EvmAddress.Problem("delegate"))
            .Check(timestampText.Length == 0 || (ulong.TryParse(timestampText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out timestamp) && timestamp <= long.MaxValue), "timestamp", "The timestamp is Unix seconds.")
            .ThrowIfAny("The typed data cannot be built");
        if (timestampText.Length == 0)
        {
            timestamp = (ulong)_time.GetUtcNow().ToUnixTimeSeconds();
        }

        var json = DelegationStore.TypedDataOf(space).ToJson(new MLGov.Voting.Domain.Weights.DelegationMessage(DelegationStore.SpaceBytes(space.Id), delegator, @delegate, timestamp));
        return new ContentResult { Content = json, ContentType = "application/json; charset=utf-8", StatusCode = StatusCodes.Status200OK };
    }

    /// <summary>
    /// Records a delegation signed by the delegator's wallet (the served typed data and the signature): the delegate carries
    /// the delegator's weight on proposals the delegator does not vote on. A later delegation replaces the earlier one; one
    /// that would close a loop is refused.
    /// </summary>
    [Function("VotingDelegate")]
    [AcceptsJson(typeof(DelegationRequest))]
    [RespondsWith(StatusCodes.Status200OK, typeof(DelegationRecord))]
    [RespondsWithProblem(StatusCodes.Status400BadRequest, Description = "Not the served typed data, another space, or a bad, high-s or foreign signature.")]
    [RespondsWithProblem(StatusCodes.Status404NotFound, Description = "No such space.")]
    [RespondsWithProblem(StatusCodes.Status409Conflict, Description = "It would close a loop, or the delegator signed a later delegation.")]
    public async Task<IActionResult> Delegate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "voting/spaces/{spaceId}/delegations")] HttpRequest request,
        string spaceId,
        CancellationToken cancellationToken)
    {
        var space = (await _spaces.GetAsync(spaceId, cancellationToken)).ToDefinition();
        var body = await _reader.ReadAsync<DelegationRequest>(request, cancellationToken);
        var (delegation, _) = await _delegations.SubmitAsync(space, body, cancellationToken);
        return new JsonBodyResult(delegation);
    }

    [Function("VotingListDelegations")]
    [RespondsWith(StatusCodes.Status200OK, typeof(IReadOnlyList<DelegationRecord>), Description = "Each delegator's standing delegation, revoked ones left out.")]
    [RespondsWithProblem(StatusCodes.Status404NotFound, Description = "No such space.")]
    public async Task<IActionResult> ListDelegations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "voting/spaces/{spaceId}/delegations")] HttpRequest request,
        string spaceId,
        CancellationToken cancellationToken)
    {
        await _spaces.GetAsync(spaceId, cancellationToken);
        return new JsonBodyResult(await _delegations.ListAsync(spaceId, cancellationToken));
    }
}
