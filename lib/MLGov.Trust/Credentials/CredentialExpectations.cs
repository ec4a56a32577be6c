namespace MLGov.Trust.Credentials;

/// <summary>
/// What the caller requires beyond a valid signature: types the credential must have, the subject it must be about,
/// and the issuers it trusts. Empty or null means "no requirement", and the matching check reports skipped.
/// </summary>
public sealed record CredentialExpectations(
    IReadOnlyList<string>? Types = null,
    string? Subject = null,
    IReadOnlyCollection<string>? TrustedIssuers = null)
{
    public static readonly CredentialExpectations None = new();
}
