using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using MLGov.Platform.Chain.Transactions;
using MLGov.Platform.OpenApi;

namespace MLGov.Risk.Functions;

/// <summary>The app's chain writes for operators (function key): each intent with its nonce, hashes, status, attempts and last error.</summary>
public sealed class ChainTransactionFunctions
{
    private readonly ChainTransactionListing _listing;

    public ChainTransactionFunctions(ChainTransactionListing listing)
    {
        _listing = listing;
    }

    [Function("RiskChainTransactions")]
    [AcceptsQuery(ChainTransactionListing.StatusParameter, typeof(string), Description = "pending (queued and in flight) or settled; both when absent.")]
    [AcceptsQuery(ChainTransactionListing.LimitParameter, typeof(int), Description = "At most this many, 1 to 500 (default 100).")]
    [RespondsWith(StatusCodes.Status200OK, typeof(ChainTransactionList), Description = "The app's account and its intents: pending ones oldest first, then settled ones newest first.")]
    [RespondsWithProblem(StatusCodes.Status400BadRequest, Description = "The status or limit is not valid.")]
    public Task<IActionResult> ListChainTransactions(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "risk/chain/transactions")] HttpRequest request,
        CancellationToken cancellationToken) => _listing.RespondAsync(request, cancellationToken);
}
