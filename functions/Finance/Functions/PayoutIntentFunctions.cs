using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using MLGov.Finance.Payouts;
using MLGov.Finance.Domain.Payouts;
using MLGov.Platform.Http;
using MLGov.Platform.OpenApi;

namespace MLGov.Finance.Functions;

public sealed class PayoutIntentFunctions
{
    private readonly PayoutIntents _intents;

    public PayoutIntentFunctions(PayoutIntents intents)
    {
        _intents = intents;
    }

    [Function(nameof(GetPayoutIntent))]
    [RespondsWith(StatusCodes.Status200OK, typeof(PayoutIntent), Headers = ["ETag"])]
    public async Task<IActionResult> GetPayoutIntent(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "finance/payout-intents/{incidentId}")] HttpRequest request,
        string incidentId,
        CancellationToken cancellationToken)
    {
        var intent = await _intents.GetAsync(incidentId, cancellationToken);
        return new JsonBodyResult(intent.Value) { ETag = intent.ETag.ToString() };
    }
}
