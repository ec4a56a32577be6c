namespace MLGov.Trust.Credentials;

/// <summary>The two ways a credential travels as a JWT here.</summary>
public enum CredentialFormat
{
    /// <summary>VC Data Model 1.1 §6.3.1 (JWT): the credential in the <c>vc</c> claim beside <c>iss</c>, <c>sub</c>, <c>nbf</c>, <c>exp</c>, <c>jti</c>.</summary>
    VcdmV1Jwt,

    /// <summary>VC Data Model 2.0 secured with JOSE (VC-JOSE-COSE §3.1.1): <c>typ: vc+jwt</c>, the credential itself as the payload.</summary>
    VcdmV2Jose,
}
