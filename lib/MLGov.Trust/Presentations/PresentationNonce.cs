namespace MLGov.Trust.Presentations;

/// <summary>A challenge for a holder: the value to put in the presentation's <c>nonce</c>, and when it stops being accepted.</summary>
public sealed record PresentationNonce(string Value, DateTimeOffset Expires);
