namespace MLGov.Platform.Identity;

/// <summary>
/// The <c>Identity:Presentations</c> settings of an app that verifies callers' presentations: <c>Audience</c>, the identifier
/// presentations must name in <c>aud</c> (default <c>urn:mlgov:{app}</c>; in Azure the app's public URL), the lifetime of
/// the challenges it issues (<c>NonceLifetime</c>, default 5 minutes), the issuers it trusts by default
/// (<c>TrustedIssuers</c>, DIDs), and the clock skew allowed for a signed body's <c>iat</c> (<c>SignedBodySkew</c>), and how long status lists are cached (<c>StatusListCacheTtl</c>).
/// </summary>
public sealed class PresentationOptions
{
    public const string SectionName = "Identity:Presentations";

    public string? Audience { get; set; }

    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public IList<string> TrustedIssuers { get; } = [];

    public TimeSpan SignedBodySkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest a fetched status list is trusted before it is fetched again (shorter when the list's ttl says so).</summary>
    public TimeSpan StatusListCacheTtl { get; set; } = TimeSpan.FromMinutes(5);

    public string AudienceFor(string app) => string.IsNullOrWhiteSpace(Audience) ? "urn:mlgov:" + app : Audience;
}
