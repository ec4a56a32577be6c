namespace MLGov.Trust.Credentials;

/// <summary>Limits and tolerances of credential and presentation verification.</summary>
public sealed record CredentialVerifierOptions
{
    /// <summary>How far the clocks of issuer, holder and verifier may disagree; applied to both ends of a validity window.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest token accepted, in characters; a bound on the work a hostile token causes before its signature is checked.</summary>
    public int MaxTokenLength { get; init; } = 256 * 1024;

    /// <summary>The most credentials one presentation may carry, each of which costs a verification.</summary>
    public int MaxCredentialsPerPresentation { get; init; } = 16;

    public static readonly CredentialVerifierOptions Default = new();
}
