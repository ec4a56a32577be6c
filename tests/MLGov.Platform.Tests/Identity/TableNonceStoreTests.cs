using MLGov.Platform.Identity;
using MLGov.Testing;
using MLGov.Trust.Presentations;

namespace MLGov.Platform.Tests.Identity;

/// <summary>Presentation nonces in a real table (Azurite): single use across concurrent consumers, expiry, unknown values.</summary>
public sealed class TableNonceStoreTests : IClassFixture<DependenciesFixture>
{
    private readonly DependenciesFixture _dependencies;

    public TableNonceStoreTests(DependenciesFixture dependencies)
    {
        _dependencies = dependencies;
    }

    private sealed class Clock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private TableNonceStore Store(TimeProvider time) => new(TestTableStores.Create(_dependencies), "identity", time);

    [Fact]
    public async Task A_nonce_is_consumed_once_even_by_concurrent_consumers_on_separate_stores()
    {
        var clock = new Clock(DateTimeOffset.UtcNow);
        var stores = TestTableStores.Create(_dependencies);
        var nonce = await new TableNonceStore(stores, "identity", clock).IssueAsync(TimeSpan.FromMinutes(5));

        // Two instances of an app share the table; each consumer has its own store object.
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => new TableNonceStore(stores, "identity", clock).ConsumeAsync(nonce.Value).AsTask()));

        Assert.Equal(1, results.Count(r => r == NonceConsumption.Consumed));
        Assert.All(results.Where(r => r != NonceConsumption.Consumed), r => Assert.Equal(NonceConsumption.AlreadyUsed, r));
        Assert.Equal(clock.Now + TimeSpan.FromMinutes(5), nonce.Expires);
    }

    [Fact]
    public async Task An_expired_nonce_is_refused_and_stays_unused()
    {
        var clock = new Clock(DateTimeOffset.UtcNow);
        var store = Store(clock);
        var nonce = await store.IssueAsync(TimeSpan.FromMinutes(5));

        clock.Now += TimeSpan.FromMinutes(5);

        Assert.Equal(NonceConsumption.Expired, await store.ConsumeAsync(nonce.Value));
        Assert.Equal(NonceConsumption.Expired, await store.ConsumeAsync(nonce.Value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("bm90LWlzc3VlZC1oZXJlLW5vdC1pc3N1ZWQtaGVyZS0x")]
    [InlineData("a/b'c\"d~e%f?g#h..........................!")]
    public async Task A_value_never_issued_is_unknown(string value) =>
        Assert.Equal(NonceConsumption.Unknown, await Store(TimeProvider.System).ConsumeAsync(value));
}
