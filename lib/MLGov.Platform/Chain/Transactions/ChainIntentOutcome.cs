using MLGov.Platform.Tables;

namespace MLGov.Platform.Chain.Transactions;

/// <summary>How an intent settled, as its outcome handlers and event see it.</summary>
public sealed record ChainIntentOutcome(
    string IntentId,
    string Kind,
    string Outcome,
    string SourcePartition,
    string? TransactionHash,
    long? BlockNumber,
    long? Nonce,
    string? Error,
    string? ErrorData,
    DateTimeOffset SettledAt)
{
    public bool IsMined => Outcome == ChainIntentOutcomes.Mined;

    /// <summary>The custom error's name without arguments (for example <c>ClaimAlreadyPaid</c>), for a revert with a known error.</summary>
    public string? ErrorName => ContractErrors.NameOf(ErrorData);
}

/// <summary>
/// The domain's reaction to a settled intent of the kinds it handles, written in the same transaction
/// as the outcome on the intent row (the intent's partition), so it happens exactly once: for example
/// Risk marks a slash done, or decides that <c>AlreadySlashed</c> means the same.
/// </summary>
public interface IChainIntentOutcomeHandler
{
    bool HandlesKind(string kind);

    /// <summary>Adds the domain's changes to <paramref name="batch"/> (the intent's partition); throwing leaves the intent unsettled, to be tried again.</summary>
    Task OnSettledAsync(ChainIntentOutcome outcome, PartitionBatch batch, CancellationToken cancellationToken);
}

/// <summary>Publishes the app's settled-intent event type in the outcome's batch.</summary>
public interface IChainIntentEventPublisher
{
    void Publish(PartitionBatch batch, ChainIntentOutcome outcome, long chainId, string from, string recipient);
}

/// <summary>Publishes <typeparamref name="TEvent"/>, the app's own settled-intent event.</summary>
public sealed class ChainIntentEventPublisher<TEvent> : IChainIntentEventPublisher
    where TEvent : Core.Events.Chain.ChainIntentSettled, Core.Events.IIntegrationEvent, new()
{
    public void Publish(PartitionBatch batch, ChainIntentOutcome outcome, long chainId, string from, string recipient)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(outcome);
        batch.Publish(new TEvent
        {
            IntentId = outcome.IntentId,
            Kind = outcome.Kind,
            Outcome = outcome.Outcome,
            ChainId = chainId,
            From = from,
            To = recipient,
            TransactionHash = outcome.TransactionHash,
            BlockNumber = outcome.BlockNumber,
            Nonce = outcome.Nonce,
            Error = outcome.Error,
            ErrorData = outcome.ErrorData,
            SettledAt = outcome.SettledAt,
        }, time: outcome.SettledAt);
    }
}
