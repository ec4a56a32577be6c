using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using MLGov.Platform.Http;
using MLGov.Platform.Identity;
using MLGov.Platform.OpenApi;

namespace MLGov.Voting.Functions;

/// <summary>Challenges for presentations addressed to the voting app (to vote on proposals that need a credential, or to propose).</summary>
public sealed class ChallengeFunctions
{
    private readonly PresentationChallenges _challenges;

    public ChallengeFunctions(PresentationChallenges challenges)
    {
        _challenges = challenges;
    }

    /// <summary>A single-use nonce, valid for a few minutes, to put with the voting app's audience into a presentation.</summary>
    [Function("VotingIssueChallenge")]
    [RespondsWith(StatusCodes.Status201Created, typeof(PresentationChallenge), Description = "Put nonce and audience into the presentation (nonce, aud) before it expires.")]
    public async Task<IActionResult> Issue(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "voting/challenges")] HttpRequest request,
        CancellationToken cancellationToken) =>
        new JsonBodyResult(await _challenges.IssueAsync(cancellationToken), StatusCodes.Status201Created);
}
