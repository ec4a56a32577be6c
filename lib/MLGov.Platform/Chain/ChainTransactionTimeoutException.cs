namespace MLGov.Platform.Chain;

/// <summary>
/// A transaction was accepted by the node but no receipt arrived in time. It may still be mined:
/// look it up by <see cref="TransactionHash"/> before doing anything that could repeat it.
/// </summary>
public sealed class ChainTransactionTimeoutException : Exception
{
    public ChainTransactionTimeoutException(string transactionHash, TimeSpan waited)
        : base($"Transaction {transactionHash} was not mined within {waited}. It may still be mined; check before resending.")
    {
        TransactionHash = transactionHash;
    }

    public string TransactionHash { get; }
}
