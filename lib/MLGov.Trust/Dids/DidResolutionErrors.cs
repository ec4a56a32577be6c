namespace MLGov.Trust.Dids;

/// <summary>The <c>didResolutionMetadata.error</c> values of DID Core §7.1.2 that resolvers here report.</summary>
public static class DidResolutionErrors
{
    public const string InvalidDid = "invalidDid";
    public const string NotFound = "notFound";
    public const string MethodNotSupported = "methodNotSupported";
}
