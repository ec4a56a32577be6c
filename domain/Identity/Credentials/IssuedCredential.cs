namespace MLGov.Identity.Domain.Credentials;

/// <summary>
/// A credential this service issued, as it keeps it: what it says, the signed token handed to the holder, the slot of
/// its status in status list <see cref="StatusList"/> (the same index in the revocation and the suspension list), and
/// its current state. <see cref="TypesText"/> is the types space-separated; <see cref="ClaimsJson"/> the subject's claims.
/// </summary>
public sealed record IssuedCredential(
    string CredentialId,
    string Issuer,
    string Subject,
    string TypesText,
    string Format,
    string ClaimsJson,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidUntil,
    DateTimeOffset IssuedAt,
    int StatusList,
    int StatusIndex,
    CredentialState State,
    DateTimeOffset? StateChangedAt,
    string? StateReason,
    string Token)
{
    public IReadOnlyList<string> TypeList() => TypesText.Split(' ');
}
