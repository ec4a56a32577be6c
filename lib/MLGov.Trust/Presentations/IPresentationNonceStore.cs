namespace MLGov.Trust.Presentations;

/// <summary>
/// Issues single-use nonces and consumes them. Consuming must be atomic: of two concurrent presentations with one
/// nonce, exactly one sees <see cref="NonceConsumption.Consumed"/> (a Table row deleted with its ETag does this in Azure).
/// </summary>
public interface IPresentationNonceStore
{
    ValueTask<PresentationNonce> IssueAsync(TimeSpan lifetime, CancellationToken cancellationToken = default);

    ValueTask<NonceConsumption> ConsumeAsync(string nonce, CancellationToken cancellationToken = default);
}
