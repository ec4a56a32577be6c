using Nethereum.Signer;

namespace MLGov.Platform.Chain.Signing;

/// <summary>
/// Signs with a private key held in memory: for local stacks, tests and the deployer. In Azure each app
/// signs through Key Vault instead and no private key reaches the process.
/// </summary>
public sealed class LocalKeySigner : IChainSigner
{
    private readonly EthECKey _key;

    /// <param name="privateKeyHex">32-byte private key in hex, with or without 0x.</param>
    public LocalKeySigner(string privateKeyHex)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(privateKeyHex);
        _key = new EthECKey(privateKeyHex);
        Address = _key.GetPublicAddress();
    }

    public string Address { get; }

    public ValueTask<ChainSignature> SignDigestAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken)
    {
        if (digest.Length != 32)
        {
            throw new ArgumentException("The digest is 32 bytes.", nameof(digest));
        }

        // Nethereum signs deterministically (RFC 6979) and canonicalises s to the low half.
        var signature = _key.SignAndCalculateV(digest.ToArray());
        var recoveryId = (byte)(signature.V[0] - 27);
        return ValueTask.FromResult(new ChainSignature(Pad32(signature.R), Pad32(signature.S), recoveryId));
    }

    private static byte[] Pad32(byte[] value)
    {
        if (value.Length == 32)
        {
            return value;
        }

        var padded = new byte[32];
        value.AsSpan().CopyTo(padded.AsSpan(32 - value.Length));
        return padded;
    }
}
