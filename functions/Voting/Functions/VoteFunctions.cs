using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using MLGov.Platform.Http;
using MLGov.Platform.Identity;
using MLGov.Platform.OpenApi;
using MLGov.Voting.Domain.Votes;
using MLGov.Voting.Proposals;
using MLGov.Voting.Votes;

namespace MLGov.Voting.Functions;

/// <summary>Votes: cast by anyone with a valid signature (and the proposal's credential, when it requires one); exported as JSON Lines.</summary>
public sealed class VoteFunctions
{
    public const string JsonLines = "application/jsonl";
    private readonly JsonRequestReader _reader;
    private readonly VoteIntake _intake;
    private readonly ProposalStore _proposals;
    private readonly VoteStore _votes;

    public VoteFunctions(JsonRequestReader reader, VoteIntake intake, ProposalStore proposals, VoteStore votes)
    {
        _reader = reader;
        _intake = intake;
        _proposals = proposals;
        _votes = votes;
    }

    /// <summary>
    /// Casts a vote: <c>{typedData, signature}</c> (the served typed data as signed by the wallet) or <c>{jws}</c> (by a DID key).
    /// When the proposal names an eligibility credential, send <c>Authorization: VP …</c> presented by the voter. 201 for a new
    /// or replacing vote, 200 when the same vote was recorded before.
    /// </summary>
    [Function("VotingCastVote")]
    [SignedRequest(Presentation = true, Optional = true)]
    [AcceptsJson(typeof(VoteRequest))]
    [RespondsWith(StatusCodes.Status201Created, typeof(VoteResource), Description = "Recorded (or replaced an earlier vote, where votes may change).")]
    [RespondsWith(StatusCodes.Status200OK, typeof(VoteResource), Description = "This vote was recorded before.")]
    [RespondsWithProblem(StatusCodes.Status400BadRequest, Description = "Malformed, for another proposal, chain or finalizer, a bad or high-s signature, a choice the type does not take, or signed outside the window.")]
    [RespondsWithProblem(StatusCodes.Status401Unauthorized, Description = "The proposal needs a credential and the presentation is missing or not accepted.")]
    [RespondsWithProblem(StatusCodes.Status403Forbidden, Description = "The presentation is not the voter's, or the voter has no weight.")]
    [RespondsWithProblem(StatusCodes.Status404NotFound, Description = "No such proposal.")]
    [RespondsWithProblem(StatusCodes.Status409Conflict, Description = "Voting is not open, or the voter voted already (votes may not change) or later.")]
    public async Task<IActionResult> Cast(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "voting/proposals/{proposalId}/votes")] HttpRequest request,
        string proposalId,
        CancellationToken cancellationToken)
    {
        var body = await _reader.ReadAsync<VoteRequest>(request, cancellationToken);
        var (vote, changed) = await _intake.CastAsync(proposalId, body, request.Headers.Authorization.ToString(), cancellationToken);
        return new JsonBodyResult(VoteResource.From(vote), changed ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    /// <summary>
    /// The proposal's votes as JSON Lines (one <see cref="ExportedVote"/> per line), a page at a time; header <c>Link</c>
    /// (<c>rel="next"</c>) names the next page, absent on the last.
    /// </summary>
    [Function("VotingExportVotes")]
    [AcceptsQuery(PageQuery.LimitParameter, typeof(int), Description = "At most this many lines (default 50, at most 1,000).")]
    [AcceptsQuery(PageQuery.NextParameter, typeof(string), Description = "The next token from the previous page's Link header.")]
    [RespondsWith(StatusCodes.Status200OK, typeof(ExportedVote), MediaType = JsonLines, Headers = ["Link"], Description = "One vote per line.")]
    [RespondsWithProblem(StatusCodes.Status400BadRequest, Description = "The limit or next token is not valid.")]
    [RespondsWithProblem(StatusCodes.Status404NotFound, Description = "No such proposal.")]
    public async Task<IActionResult> Export(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "voting/proposals/{proposalId}/votes")] HttpRequest request,
        string proposalId,
        CancellationToken cancellationToken)
    {
        var proposal = (await _proposals.GetAsync(proposalId, cancellationToken)).Value;
        var pageRequest = PageQuery.Read(request);
        var page = await _votes.PageAsync(proposal.ProposalId, pageRequest, cancellationToken);
        var lines = new StringBuilder();
        var delegated = MLGov.Voting.Weights.CountedWeights.Parse(proposal.Delegated);
        foreach (var vote in page.Items)
        {
            lines.Append(JsonSerializer.Serialize(vote.Value.ToExported(delegated), ApiJson.Options)).Append('\n');
        }

        if (page.Next is { } next)
        {
            var url = $"/api/voting/proposals/{proposal.ProposalId}/votes?{PageQuery.LimitParameter}={pageRequest.Limit}&{PageQuery.NextParameter}={Uri.EscapeDataString(next)}";
            request.HttpContext.Response.Headers.Append("Link", $"<{url}>; rel=\"next\"");
        }

        return new ContentResult { Content = lines.ToString(), ContentType = JsonLines + "; charset=utf-8", StatusCode = StatusCodes.Status200OK };
    }
}
