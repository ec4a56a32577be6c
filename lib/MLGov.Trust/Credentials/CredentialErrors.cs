namespace MLGov.Trust.Credentials;

/// <summary>The error names a failed check reports; stable, so callers and the CLI can branch on them.</summary>
public static class CredentialErrors
{
    // format
    public const string Malformed = "malformed";
    public const string TooLarge = "tooLarge";
    public const string UnexpectedTyp = "unexpectedTyp";

    // issuer
    public const string IssuerMismatch = "issuerMismatch";
    public const string UntrustedIssuer = "untrustedIssuer";

    // signature
    public const string AlgNotAllowed = "algNotAllowed";
    public const string InvalidKid = "invalidKid";
    public const string DidResolutionFailed = "didResolutionFailed";
    public const string UnknownKid = "unknownKid";
    public const string KeyNotAuthorized = "keyNotAuthorized";
    public const string UnsupportedKey = "unsupportedKey";
    public const string AlgKeyMismatch = "algKeyMismatch";
    public const string BadSignature = "badSignature";

    // validity
    public const string NotYetValid = "notYetValid";
    public const string Expired = "expired";

    // types and subject
    public const string TypeMissing = "typeMissing";
    public const string SubjectMismatch = "subjectMismatch";

    // status
    public const string Revoked = "revoked";
    public const string Suspended = "suspended";
    public const string StatusUnavailable = "statusUnavailable";
    public const string StatusUnchecked = "statusUnchecked";
    public const string MalformedStatus = "malformedStatus";
    public const string UnsupportedStatus = "unsupportedStatus";

    // presentations
    public const string AudienceMismatch = "audienceMismatch";
    public const string NonceMissing = "nonceMissing";
    public const string NonceUnknown = "nonceUnknown";
    public const string NonceExpired = "nonceExpired";
    public const string NonceReused = "nonceReused";
    public const string CredentialInvalid = "credentialInvalid";
    public const string NotHolder = "notHolder";
    public const string HolderMismatch = "holderMismatch";
}
