using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MLGov.Platform.Tables;
using MLGov.Trust.Credentials;
using MLGov.Trust.Dids;
using MLGov.Trust.Http;
using MLGov.Trust.Presentations;
using MLGov.Trust.Status;

namespace MLGov.Platform.Identity;

/// <summary>
/// Registers what an app needs to authorize callers by their credentials, verified locally (no call to the Identity
/// app): the DID resolver, a credential verifier that checks status lists over HTTP, nonces in the app's own table
/// (<see cref="TableNonceStore"/>), the presentation verifier for <see cref="RequiresCredentialAttribute"/>, the
/// <see cref="SignedBodyVerifier"/> and <see cref="PresentationChallenges"/>. Settings: <c>Identity:Presentations</c>
/// (<see cref="PresentationOptions"/>) and <c>Identity:Resolver</c> (whose AllowLoopbackHttp also governs status list fetches).
/// </summary>
public static class PresentationRegistration
{
    public static IServiceCollection AddPresentations(this IServiceCollection services, IConfiguration configuration, string app)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (!services.Any(d => d.ServiceType == typeof(IDidResolver)))
        {
            services.AddDidResolution(configuration);
        }

        services.AddOptions<PresentationOptions>().BindConfiguration(PresentationOptions.SectionName);
        services.AddSingleton<IPresentationNonceStore>(provider => new TableNonceStore(provider.GetRequiredService<TableStores>(), app, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider =>
        {
            var resolver = provider.GetRequiredService<IDidResolver>();
            var settings = provider.GetRequiredService<DidResolverSettings>();
            var http = new HttpClient(BoundedHttpFetcher.CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan };
            var fetcher = new HttpStatusListFetcher(new BoundedHttpFetcher(http, new HttpFetchOptions
            {
                Timeout = settings.Timeout,
                MaxBodyBytes = 1024 * 1024,
                AllowLoopbackHttp = settings.AllowLoopbackHttp,
            }));
            var time = provider.GetRequiredService<TimeProvider>();
            var cache = provider.GetRequiredService<IOptions<PresentationOptions>>().Value.StatusListCacheTtl;
            var lists = new BitstringStatusListChecker(fetcher, new VcJwtVerifier(resolver, time: time), new StatusListCheckerOptions { MaxCacheTtl = cache }, time);
            return new VcJwtVerifier(resolver, lists, time: time);
        });
        services.AddSingleton(provider => new VpJwtVerifier(
            provider.GetRequiredService<IDidResolver>(),
            provider.GetRequiredService<VcJwtVerifier>(),
            provider.GetRequiredService<IPresentationNonceStore>(),
            time: provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<PresentationOptions>>().Value;
            return new CallerVerifier(provider.GetRequiredService<VpJwtVerifier>(), options.AudienceFor(app), options, configuration);
        });
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<PresentationOptions>>().Value;
            return new SignedBodyVerifier(provider.GetRequiredService<IDidResolver>(), options.AudienceFor(app), options, provider.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<PresentationOptions>>().Value;
            return new PresentationChallenges(provider.GetRequiredService<IPresentationNonceStore>(), options.AudienceFor(app), options.NonceLifetime);
        });
        return services;
    }
}

/// <summary>A challenge for a holder: the nonce to sign into a presentation or proof, when it expires, and the audience to name.</summary>
public sealed record PresentationChallenge(string Nonce, DateTimeOffset Expires, string Audience);

/// <summary>Issues the app's challenges (what its <c>POST /api/{app}/challenges</c> answers).</summary>
public sealed class PresentationChallenges(IPresentationNonceStore nonces, string audience, TimeSpan lifetime)
{
    public string Audience => audience;

    public IPresentationNonceStore Nonces => nonces;

    public async Task<PresentationChallenge> IssueAsync(CancellationToken cancellationToken)
    {
        var nonce = await nonces.IssueAsync(lifetime, cancellationToken).ConfigureAwait(false);
        return new PresentationChallenge(nonce.Value, nonce.Expires, audience);
    }
}
