using System.Text.Json;
using MLGov.Trust.Dids;

namespace MLGov.Trust.Tests.Dids;

public sealed class CachingDidResolverTests
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
    private readonly CountingResolver _inner = new();

    [Fact]
    public async Task Reuses_a_resolution_for_its_time_to_live()
    {
        var resolver = new CachingDidResolver(_inner, TimeSpan.FromMinutes(5), time: _clock);

        var first = await resolver.ResolveAsync(Vectors.DidKeyEd25519);
        var second = await resolver.ResolveAsync(Vectors.DidKeyEd25519);
        _clock.Advance(TimeSpan.FromMinutes(5));
        var third = await resolver.ResolveAsync(Vectors.DidKeyEd25519);

        Assert.Same(first, second);
        Assert.True(third.Succeeded);
        Assert.Equal(2, _inner.Calls);
    }

    [Fact]
    public async Task Does_not_cache_failures()
    {
        var resolver = new CachingDidResolver(_inner, TimeSpan.FromMinutes(5), time: _clock);

        await resolver.ResolveAsync("did:web:example.com");
        await resolver.ResolveAsync("did:web:example.com");
        await resolver.ResolveAsync(null);

        Assert.Equal(3, _inner.Calls);
    }

    [Fact]
    public async Task Stays_within_its_size_bound()
    {
        var resolver = new CachingDidResolver(_inner, TimeSpan.FromMinutes(5), maxEntries: 2, time: _clock);

        foreach (var did in new[] { Vectors.DidKeyEd25519, Vectors.DidKeyP256, Vectors.DidKeySecp256k1, Vectors.DidKeyEd25519 })
        {
            Assert.True((await resolver.ResolveAsync(did)).Succeeded);
        }

        // The third DID found the cache full and started it over, so the first was resolved again.
        Assert.Equal(4, _inner.Calls);
    }

    [Fact]
    public void A_failure_serializes_with_its_error_message()
    {
        var json = JsonDocument.Parse(JsonSerializer.Serialize(DidResolutionResult.Failure(DidResolutionErrors.NotFound, "https://example.com/.well-known/did.json answered 404."))).RootElement;

        Assert.Equal("notFound", json.GetProperty("didResolutionMetadata").GetProperty("error").GetString());
        Assert.Contains("404", json.GetProperty("didResolutionMetadata").GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
    }

    private sealed class CountingResolver : IDidResolver
    {
        public int Calls { get; private set; }

        public ValueTask<DidResolutionResult> ResolveAsync(string? did, CancellationToken cancellationToken = default)
        {
            Calls++;
            return ValueTask.FromResult(DidKeyResolver.Resolve(did));
        }
    }
}
