namespace MLGov.Trust.Jose;

/// <summary>
/// A key that signs JWS without handing out its private part: an in-memory <see cref="Keys.SigningKey"/> for tests
/// and development (<see cref="LocalJwsKeySigner"/>), or a key held by a service such as Azure Key Vault.
/// </summary>
public interface IJwsKeySigner
{
    /// <summary>The JWS <c>alg</c> the signatures are for (<see cref="JwsAlgorithms"/>).</summary>
    string Algorithm { get; }

    /// <summary>An identifier of the signing key for logs (not the JWS <c>kid</c>, which the issuer chooses).</summary>
    string KeyId { get; }

    /// <summary>
    /// The JOSE signature of the JWS signing input (ASCII of <c>header.payload</c>): 64 bytes for EdDSA, raw R||S for
    /// ECDSA (RFC 7518 §3.4), low-s for ES256K. Failures are <see cref="JwsSigningException"/>.
    /// </summary>
    ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signingInput, CancellationToken cancellationToken);
}
