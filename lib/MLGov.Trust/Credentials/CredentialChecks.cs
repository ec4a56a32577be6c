namespace MLGov.Trust.Credentials;

/// <summary>The names of the checks a credential or presentation verification reports, in the order they run.</summary>
public static class CredentialChecks
{
    /// <summary>The token is a compact JWS whose header and payload have the shape of the format it claims.</summary>
    public const string Format = "format";

    /// <summary>The <c>kid</c> names the issuer's DID, the claims agree on one issuer, and the issuer is trusted when a list is given.</summary>
    public const string Issuer = "issuer";

    /// <summary>The signature verifies with a key of the signer's resolved DID listed under the needed relationship.</summary>
    public const string Signature = "signature";

    /// <summary>The validity window (nbf/exp, validFrom/validUntil) contains now, allowing the configured clock skew.</summary>
    public const string Validity = "validity";

    /// <summary>Every expected type is among the credential's types.</summary>
    public const string Types = "types";

    /// <summary>The credential's subject id is the expected one.</summary>
    public const string Subject = "subject";

    /// <summary>No status entry of the credential is set (Bitstring Status List revocation or suspension).</summary>
    public const string Status = "status";

    /// <summary>A presentation names the expected audience.</summary>
    public const string Audience = "audience";

    /// <summary>A presentation carries a nonce that was issued and is consumed now, once.</summary>
    public const string Nonce = "nonce";

    /// <summary>Every credential of a presentation verifies.</summary>
    public const string Credentials = "credentials";

    /// <summary>The presenter is the subject of every credential it presents.</summary>
    public const string HolderBinding = "holderBinding";
}
