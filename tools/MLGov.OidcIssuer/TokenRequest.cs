namespace MLGov.OidcIssuer;

/// <summary>
/// What a minted access token says: the Entra ID v2.0 claims MLGov reads (<c>tid</c>, <c>oid</c>,
/// <c>roles</c>, <c>name</c>) and its validity window.
/// </summary>
public sealed record TokenRequest
{
    public required string TenantId { get; init; }

    public required string ObjectId { get; init; }

    /// <summary>The <c>aud</c> claim: the client id of the API the token is for.</summary>
    public required string Audience { get; init; }

    /// <summary>App roles (<c>roles</c>); no claim when empty.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Delegated scopes (<c>scp</c>, space-separated); no claim when null.</summary>
    public string? Scope { get; init; }

    public string? Name { get; init; }

    public string? PreferredUsername { get; init; }

    /// <summary><c>iat</c> and <c>nbf</c>; null means now. A past or future value mints expired or not-yet-valid tokens.</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(1);
}
