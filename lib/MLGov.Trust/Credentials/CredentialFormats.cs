namespace MLGov.Trust.Credentials;

/// <summary>Names and constants of the credential formats, as results and the CLI spell them.</summary>
public static class CredentialFormats
{
    public const string VcdmV1JwtName = "vcdm1-jwt";
    public const string VcdmV2JoseName = "vcdm2-jose";

    public const string V1Context = "https://www.w3.org/2018/credentials/v1";
    public const string V2Context = "https://www.w3.org/ns/credentials/v2";
    public const string VerifiableCredential = "VerifiableCredential";
    public const string VerifiablePresentation = "VerifiablePresentation";

    /// <summary>The JOSE <c>typ</c> of a VCDM 2.0 credential (VC-JOSE-COSE §3.1.1); the media type is application/vc+jwt.</summary>
    public const string VcJwtTyp = "vc+jwt";

    /// <summary>The JOSE <c>typ</c> of a VCDM 2.0 presentation (VC-JOSE-COSE §3.2.1).</summary>
    public const string VpJwtTyp = "vp+jwt";

    public static string Name(CredentialFormat format) => format switch
    {
        CredentialFormat.VcdmV1Jwt => VcdmV1JwtName,
        CredentialFormat.VcdmV2Jose => VcdmV2JoseName,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown credential format."),
    };

    public static CredentialFormat? Parse(string? name) => name switch
    {
        VcdmV1JwtName => CredentialFormat.VcdmV1Jwt,
        VcdmV2JoseName => CredentialFormat.VcdmV2Jose,
        _ => null,
    };
}
