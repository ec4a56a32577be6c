using MLGov.Trust.Credentials;

namespace MLGov.Trust.Presentations;

/// <summary>What a verifier requires of a presentation: its own identifier as audience, and what each credential must be.</summary>
public sealed record PresentationExpectations(string Audience, CredentialExpectations? Credentials = null);
