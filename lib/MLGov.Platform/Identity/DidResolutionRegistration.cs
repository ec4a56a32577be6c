using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MLGov.Trust.Dids;
using MLGov.Trust.Http;

namespace MLGov.Platform.Identity;

/// <summary>
/// Registers one <see cref="IDidResolver"/> for an app: did:key, did:pkh and did:web behind a
/// <see cref="CachingDidResolver"/>, did:web fetched with the limits of the <c>Identity:Resolver</c> section.
/// </summary>
public static class DidResolutionRegistration
{
    public const string Section = "Identity:Resolver";

    public static IServiceCollection AddDidResolution(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = DidResolverSettings.From(configuration.GetSection(Section));
        services.AddSingleton(settings);
        services.AddSingleton<IDidResolver>(_ => CreateResolver(settings));
        return services;
    }

    /// <summary>The resolver <see cref="AddDidResolution"/> registers, for callers without a container (the CLI).</summary>
    public static IDidResolver CreateResolver(DidResolverSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);

        // One client for the resolver's lifetime; it does not follow redirects itself, the fetcher judges each hop.
        var http = new HttpClient(BoundedHttpFetcher.CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan };
        var fetcher = new BoundedHttpFetcher(http, new HttpFetchOptions
        {
            Timeout = settings.Timeout,
            MaxBodyBytes = settings.MaxBodyBytes,
            AllowLoopbackHttp = settings.AllowLoopbackHttp,
        });
        return new CachingDidResolver(
            new MethodDidResolver(new Dictionary<string, IDidResolver>(StringComparer.Ordinal)
            {
                ["key"] = new DidKeyResolver(),
                ["pkh"] = new DidPkhResolver(),
                ["web"] = new DidWebResolver(fetcher, new DidWebOptions { CacheTtl = settings.CacheTtl }),
            }),
            settings.CacheTtl);
    }
}

/// <summary>
/// The <c>Identity:Resolver</c> settings: <c>Timeout</c> (default 00:00:05), <c>MaxBodyBytes</c> (262144), <c>CacheTtl</c>
/// (00:05:00) and <c>AllowLoopbackHttp</c> (false; development only: did:web on localhost over plain HTTP).
/// </summary>
public sealed record DidResolverSettings(TimeSpan Timeout, int MaxBodyBytes, TimeSpan CacheTtl, bool AllowLoopbackHttp)
{
    public static readonly DidResolverSettings Default = new(HttpFetchOptions.Default.Timeout, HttpFetchOptions.Default.MaxBodyBytes, DidWebOptions.Default.CacheTtl, false);

    public static DidResolverSettings From(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var timeout = Span(section, "Timeout", HttpFetchOptions.Default.Timeout);
        var ttl = Span(section, "CacheTtl", DidWebOptions.Default.CacheTtl);
        var maxBody = section["MaxBodyBytes"] is { Length: > 0 } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
                ? parsed
                : throw new InvalidOperationException($"{DidResolutionRegistration.Section}:MaxBodyBytes must be a positive whole number of bytes.")
            : HttpFetchOptions.Default.MaxBodyBytes;
        var loopback = section["AllowLoopbackHttp"] is { Length: > 0 } flag
            ? bool.TryParse(flag, out var allowed) ? allowed : throw new InvalidOperationException($"{DidResolutionRegistration.Section}:AllowLoopbackHttp must be true or false.")
            : false;
        return new DidResolverSettings(timeout, maxBody, ttl, loopback);
    }

    private static TimeSpan Span(IConfiguration section, string key, TimeSpan fallback)
    {
        if (section[key] is not { Length: > 0 } text)
        {
            return fallback;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero
            ? value
            : throw new InvalidOperationException($"{DidResolutionRegistration.Section}:{key} must be a positive time span (hh:mm:ss).");
    }
}
