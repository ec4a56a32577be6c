namespace MLGov.Platform.Identity;

/// <summary>
/// Marks an anonymous HTTP function that checks the caller itself from what the request carries: a presentation
/// (<c>Authorization: VP …</c>, <see cref="Presentation"/>) and/or a DID signature over the body (<c>Body-Signature</c>,
/// <see cref="BodySignature"/>), either one accepted when both are set; <see cref="Optional"/> when only some requests need
/// them (a vote needs a presentation only on proposals that name a credential). The OpenAPI document lists these as the
/// operation's security and its 401.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class SignedRequestAttribute : Attribute
{
    public bool Presentation { get; init; }

    public bool BodySignature { get; init; }

    public bool Optional { get; init; }
}
