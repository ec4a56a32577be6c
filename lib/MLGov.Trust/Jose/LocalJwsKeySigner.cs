using MLGov.Trust.Dids;
using MLGov.Trust.Keys;

namespace MLGov.Trust.Jose;

/// <summary>An <see cref="IJwsKeySigner"/> over an in-memory <see cref="SigningKey"/> (tests, development); its key id is the key's did:key.</summary>
public sealed class LocalJwsKeySigner(SigningKey key) : IJwsKeySigner
{
    private readonly SigningKey _key = key ?? throw new ArgumentNullException(nameof(key));

    public string Algorithm => JwsAlgorithms.For(_key.Type);

    public string KeyId => DidKey.From(_key.PublicKey);

    public PublicKey PublicKey => _key.PublicKey;

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signingInput, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_key.Sign(signingInput.Span));
    }
}
