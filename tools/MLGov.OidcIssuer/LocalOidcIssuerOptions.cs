namespace MLGov.OidcIssuer;

/// <summary>How a <see cref="LocalOidcIssuer"/> listens and names itself.</summary>
public sealed record LocalOidcIssuerOptions
{
    /// <summary>The loopback port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>
    /// The base its issuer and endpoint URLs are built on; null means its own address. Only tests
    /// set it, to make a second issuer claim the first one's name and sign with a key the
    /// first one never published.
    /// </summary>
    public Uri? IssuerBase { get; init; }

    /// <summary>The <c>kid</c> of the signing key; null picks a random one.</summary>
    public string? KeyId { get; init; }
}
