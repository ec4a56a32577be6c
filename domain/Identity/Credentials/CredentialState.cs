namespace MLGov.Identity.Domain.Credentials;

/// <summary>Where a credential stands: active, suspended (for now; can be lifted) or revoked (for good).</summary>
public enum CredentialState
{
    Active,
    Suspended,
    Revoked,
}
