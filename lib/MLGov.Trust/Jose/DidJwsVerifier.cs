using MLGov.Trust.Credentials;
using MLGov.Trust.Dids;

namespace MLGov.Trust.Jose;

/// <summary>
/// Verifies any JWS against the DID its <c>kid</c> names: the key must be a verification method of the resolved DID
/// listed under <paramref name="relationship"/>, and the algorithm must be the key's. The same check credentials and
/// presentations get, for other signed payloads (a link proof, a signed request body). Never throws on bad input.
/// </summary>
public static class DidJwsVerifier
{
    public static ValueTask<VerificationCheck> VerifyAsync(IDidResolver resolver, CompactJws jws, string relationship, CancellationToken cancellationToken = default) =>
        SignatureCheck.RunAsync(resolver, jws, relationship, cancellationToken);
}
