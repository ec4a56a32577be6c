namespace MLGov.Trust.Dids;

/// <summary>The <c>didResolutionMetadata.error</c> values of DID Core §7.1.2 that resolvers here report.</summary>
public static class DidResolutionErrors
{
    public const string InvalidDid = "invalidDid";
    public const string NotFound = "notFound";
    public const string MethodNotSupported = "methodNotSupported";

    /// <summary>DID Resolution: the document was retrieved but is not a valid DID document for this DID (not JSON, wrong id).</summary>
    public const string InvalidDidDocument = "invalidDidDocument";

    /// <summary>DID Resolution: resolution could not complete (unreachable host, timeout, oversized answer, server error).</summary>
    public const string InternalError = "internalError";
}
