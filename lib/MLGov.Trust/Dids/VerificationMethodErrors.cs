namespace MLGov.Trust.Dids;

/// <summary>Why a verification method reference could not be dereferenced to a usable key.</summary>
public static class VerificationMethodErrors
{
    /// <summary>The reference is not a DID URL with a fragment (DID Resolution's <c>invalidDidUrl</c>).</summary>
    public const string InvalidDidUrl = "invalidDidUrl";

    /// <summary>The reference names another DID than the document's.</summary>
    public const string WrongDid = "wrongDid";

    /// <summary>No verification method of the document has that id (DID Resolution's <c>notFound</c>).</summary>
    public const string NotFound = "notFound";

    /// <summary>The method exists but is not listed under the verification relationship asked for.</summary>
    public const string NotAuthorized = "notAuthorizedForRelationship";

    /// <summary>The method's type or key material is one this library cannot verify with, or is malformed.</summary>
    public const string UnsupportedMethod = "unsupportedVerificationMethod";
}
