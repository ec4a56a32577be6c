using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using MLGov.Core.Encoding;
using MLGov.Core.Errors;
using MLGov.Core.Identifiers;
using MLGov.Platform.Http;
using MLGov.Platform.Identity;
using MLGov.Platform.OpenApi;
using MLGov.Platform.Tables;
using MLGov.Voting.Domain.Choices;
using MLGov.Voting.Domain.Proposals;
using MLGov.Voting.Domain.Signing;
using MLGov.Voting.Domain.Votes;
using MLGov.Voting.Proposals;
using MLGov.Voting.Tallying;

namespace MLGov.Voting.Functions;

/// <summary>Proposals: opened under the space's rule, read by anyone; the typed data a wallet signs; voters' receipts.</summary>
public sealed class ProposalFunctions
{
    private readonly JsonRequestReader _reader;
    private readonly ProposalService _service;
    private readonly ProposalStore _proposals;
    private readonly ReceiptService _receipts;
    private readonly KeyholderShares _shares;
    private readonly SignedBodyVerifier _signatures;
    private readonly TimeProvider _time;

    public ProposalFunctions(
        JsonRequestReader reader, ProposalService service, ProposalStore proposals, ReceiptService receipts, KeyholderShares shares, SignedBodyVerifier signatures, TimeProvider time)
    {
        _shares = shares;
        _signatures = signatures;
        _reader = reader;
        _service = service;
        _proposals = proposals;
        _receipts = receipts;
        _time = time;
    }

    /// <summary>
    /// Opens a proposal in the space. Either <c>Authorization: VP …</c> with the space's proposer credential, or a
    /// <c>Body-Signature</c> by a DID that is an admin of the space or has the space's minimum weight at the snapshot.
    /// Publishes proposal.created.
    /// </summary>
    [Function("VotingCreateProposal")]
    [SignedRequest(Presentation = true, BodySignature = true)]
    [AcceptsJson(typeof(ProposalRequest))]
    [RespondsWith(StatusCodes.Status201Created, typeof(ProposalResource), Headers = ["Location"])]
    [RespondsWithProblem(StatusCodes.Status400BadRequest, Description = "The proposal is not valid.")]
    [RespondsWithProblem(StatusCodes.Status401Unauthorized, Description = "Neither an accepted presentation nor a valid Body-Signature.")]
    [RespondsWithProblem(StatusCodes.Status403Forbidden, Description = "The author does not meet the space's rule.")]
    [RespondsWithProblem(StatusCodes.Status404NotFound, Description = "No such space.")]
    public async Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "voting/spaces/{spaceId}/proposals")] HttpRequest request,
        string spaceId,
        CancellationToken cancellationToken)
    {
        var (body, bytes) = await _reader.ReadWithBodyAsync<ProposalRequest>(request, cancellationToken);
        var record = await _service.CreateAsync(
            spaceId, body, bytes, request.Headers.Authorization.ToString(), request.Headers[SignedBodyVerifier.Header].ToString(), cancellationToken);
        return new JsonBodyResult(ProposalResource.From(record, _time.GetUtcNow()), StatusCodes.Status201Created, "/api/voting/proposals/" + record.ProposalId);
    }

    [Function("VotingListProposals")]
    [AcceptsQuery(PageQuery.LimitParameter, typeof(int), Description = "At most this many (default 50, at most 1,000).")]
    [AcceptsQuery(PageQuery.NextParameter, typeof(string), Description = "The next token of the previous page.")]
    [RespondsWith(StatusCodes.Status200OK, typeof(Page<ProposalResource>), Description = "A page of the space's proposals in id order; next is null on the last page.")]
    [RespondsWithProblem(StatusCodes.Status400BadRequest, Description = "The limit or next token is not valid.")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "voting/spaces/{spaceId}/proposals")] HttpRequest request,
        string spaceId,
        CancellationToken cancellationToken)
    {
        ResourceId.Require("spaceId", spaceId);
        var now = _time.GetUtcNow();
        var page = await _proposals.PageOfSpaceAsync(spaceId, PageQuery.Read(request), cancellationToken);
        return new JsonBodyResult(page.Select(p => ProposalResource.From(p.Value, now)));
    }

    [Function("VotingGetProposal")]
    [RespondsWith(StatusCodes.Status200OK, typeof(ProposalResource))]
    [RespondsWithProblem(StatusCodes.Status404NotFound, Description = "No such proposal.")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "voting/proposals/{proposalId}")] HttpRequest request,
        string proposalId,
        CancellationToken cancellationToken) =>
        new JsonBodyResult(ProposalResource.From((await _proposals.GetAsync(proposalId, cancellationToken)).Value, _time.GetUtcNow()));

    /// <summary>
    /// The EIP-712 typed data of a vote, exactly as a wallet signs it with <c>eth_signTypedData_v4</c>: post it back
    /// unchanged with the signature. <c>timestamp</c> (Unix seconds) defaults to now.
    /// </summary>
    [Function("VotingVoteTypedData")]
    [AcceptsQuery("voter", typeof(string), Description = "The voter's address (0x, EIP-55 checksum when mixed case).")]
    [AcceptsQuery("choice", typeof(string), Description = "The choice's canonical text for the proposal's type (docs/voting.md).")]
    [AcceptsQuery("timestamp", typeof(long), Description = "The vote's time in Unix seconds; now when absent.")]
    [RespondsWith(StatusCodes.Status200OK, typeof(object), Description = "The typed data: types, primaryType Vote, domain (MLGov Voting, 1, chainId, the finalizer), message.")]
    [RespondsWithProblem(StatusCodes.Status400BadRequest, Description = "The voter, choice or timestamp is not valid.")]
    [RespondsWithProblem(StatusCodes.Status404NotFound, Description = "No such proposal.")]
    public async Task<IActionResult> TypedData(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "voting/proposals/{proposalId}/typed-data")] HttpRequest request,
        string proposalId,
        CancellationToken cancellationToken)
    {
        var terms = (await _proposals.GetAsync(proposalId, cancellationToken)).Value.ToTerms();
        var voter = request.Query["voter"].ToString();
        var choice = request.Query["choice"].ToString();
        var timestampText = request.Query["timestamp"].ToString();
        var errors = new ValidationErrors().Check(EvmAddress.IsValid(voter), "voter", EvmAddress.Problem("voter"));
        ulong timestamp = 0;
        errors.Check(
            timestampText.Length == 0 || (ulong.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out timestamp) && timestamp <= long.MaxValue),
            "timestamp",
            "The timestamp is Unix seconds.");
        errors.ThrowIfAny("The typed data cannot be built");
        VoteChecks.CheckChoice(terms, choice);
        if (timestampText.Length == 0)
        {
            timestamp = (ulong)_time.GetUtcNow().ToUnixTimeSeconds();
        }

        var json = new VoteTypedData(terms.ChainId, terms.Finalizer).ToJson(new VoteMessage(Hex.Decode(terms.Id), voter, choice, timestamp));
        return new ContentResult { Content = json, ContentType = "application/json; charset=utf-8", StatusCode = StatusCodes.Status200OK };
    }

    /// <summary>The voter's receipt once the proposal is tallied: what <c>verifyVote</c> on the finalizer takes.</summary>
    [Function("VotingVoteReceipt")]
    [RespondsWith(StatusCodes.Status200OK, typeof(ReceiptResource))]
    [RespondsWithProblem(StatusCodes.Status400BadRequest, Description = "The voter is not an address.")]
    [RespondsWithProblem(StatusCodes.Status404NotFound, Description = "No such proposal, or no counted vote of this voter.")]
    [RespondsWithProblem(StatusCodes.Status409Conflict, Description = "The proposal is not tallied yet.")]
    public async Task<IActionResult> Receipt(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "voting/proposals/{proposalId}/receipts/{voter}")] HttpRequest request,
        string proposalId,
        string voter,
        CancellationToken cancellationToken)
    {
        if (!EvmAddress.IsValid(voter))
        {
            throw ValidationException.For("voter", EvmAddress.Problem("voter"));
        }

        return new JsonBodyResult(await _receipts.GetAsync(proposalId, voter, cancellationToken));
    }

    /// <summary>
    /// A keyholder hands in its share of a shielded proposal's key after the end (Body-Signature by the keyholder's DID). Once
    /// the threshold of matching shares is in, the key is rebuilt and published in the terms, and the proposal is tallied.
    /// </summary>
    [Function("VotingSubmitKeyShare")]
    [SignedRequest(BodySignature = true)]
    [AcceptsJson(typeof(ShareRequest))]
    [RespondsWith(StatusCodes.Status200OK, typeof(ShareProgress))]
    [RespondsWithProblem(StatusCodes.Status400BadRequest, Description = "Not a share, or one that does not match the key's commitments.")]
    [RespondsWithProblem(StatusCodes.Status401Unauthorized, Description = "The Body-Signature is missing or not valid.")]
    [RespondsWithProblem(StatusCodes.Status403Forbidden, Description = "The share was dealt to another keyholder.")]
    [RespondsWithProblem(StatusCodes.Status404NotFound, Description = "No such proposal.")]
    [RespondsWithProblem(StatusCodes.Status409Conflict, Description = "The proposal is not shielded, or voting has not ended.")]
    public async Task<IActionResult> SubmitShare(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "voting/proposals/{proposalId}/shares")] HttpRequest request,
        string proposalId,
        CancellationToken cancellationToken)
    {
        var (body, bytes) = await _reader.ReadWithBodyAsync<ShareRequest>(request, cancellationToken);
        var signer = await _signatures.VerifyAsync(request.Headers[SignedBodyVerifier.Header].ToString(), bytes, cancellationToken);
        return new JsonBodyResult(await _shares.SubmitAsync(proposalId, body, signer, cancellationToken));
    }
}
