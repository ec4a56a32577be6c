namespace MLGov.Platform.Identity;

/// <summary>
/// Marks an HTTP function as requiring a verifiable presentation from its caller (header <c>Authorization: VP {vp-jwt}</c>)
/// that carries a credential of <see cref="Type"/>, about the presenter, from an issuer in the app's
/// <c>Identity:Presentations:TrustedIssuers</c> (or the list under the configuration key <see cref="IssuersSetting"/>), with a
/// nonce from the app's challenge endpoint and the app's audience. <see cref="CredentialAuthorizationMiddleware"/>
/// checks it before the function runs; the function reads the caller with <c>GetVerifiedCaller()</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class RequiresCredentialAttribute(string type) : Attribute
{
    public string Type { get; } = type;

    /// <summary>A configuration key holding the trusted issuer DIDs for this function (an array or a comma-separated list).</summary>
    public string? IssuersSetting { get; init; }
}
