using MLGov.Trust.Credentials;
using MLGov.Trust.Dids;
using MLGov.Trust.Http;
using MLGov.Trust.Keys;
using MLGov.Trust.Status;

namespace MLGov.EndToEnd.Tests.Identity;

/// <summary>A holder: a fresh key, its did:key and the kid naming the key.</summary>
internal sealed record Holder(SigningKey Key, string Did, string Kid)
{
    public static Holder New(KeyType type)
    {
        var key = SigningKey.Generate(type);
        var did = DidKey.From(key.PublicKey);
        return new Holder(key, did, did + "#" + DidKey.MultibaseValue(key.PublicKey));
    }
}

internal static class OutsideVerifier
{
    /// <summary>A verifier as any party would run it: fresh caches, status lists fetched from the app over loopback HTTP.</summary>
    public static VcJwtVerifier Create()
    {
        var resolver = new DidKeyResolver();
        var http = new HttpClient(BoundedHttpFetcher.CreateHandler());
        var fetcher = new HttpStatusListFetcher(new BoundedHttpFetcher(http, new HttpFetchOptions { AllowLoopbackHttp = true }));
        var checker = new BitstringStatusListChecker(fetcher, new VcJwtVerifier(resolver), new StatusListCheckerOptions { MaxCacheTtl = TimeSpan.Zero });
        return new VcJwtVerifier(resolver, checker);
    }
}
