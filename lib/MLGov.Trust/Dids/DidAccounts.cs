using MLGov.Core.Encoding;
using MLGov.Core.Hashing;
using MLGov.Core.Identifiers;
using MLGov.Trust.Keys;
using Org.BouncyCastle.Asn1.Sec;

namespace MLGov.Trust.Dids;

/// <summary>
/// The Ethereum account a DID controls, where it has one: the address of a secp256k1 did:key (the last 20 bytes of the
/// Keccak-256 of the uncompressed public key, without its 0x04 prefix), or the account of an eip155 did:pkh. Other DIDs
/// (Ed25519 or P-256 keys, did:web) have none.
/// </summary>
public static class DidAccounts
{
    private static readonly Org.BouncyCastle.Math.EC.ECCurve Secp256k1 = SecNamedCurves.GetByName("secp256k1").Curve;

    /// <summary>The EIP-55 checksummed address, or null when the DID controls no Ethereum account (or is not a DID).</summary>
    public static string? EthereumAddressOf(string? did)
    {
        if (DidPkh.TryParse(did, out _, out var account, out _))
        {
            return EvmAddress.ToChecksum(account!);
        }

        if (!DidKey.TryParse(did, out var key, out _) || key!.Type != KeyType.Secp256k1)
        {
            return null;
        }

        return AddressOf(key);
    }

    /// <summary>The address of a secp256k1 public key.</summary>
    public static string AddressOf(PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Type != KeyType.Secp256k1)
        {
            throw new ArgumentException("Only a secp256k1 key has an Ethereum address.", nameof(key));
        }

        var uncompressed = Secp256k1.DecodePoint(key.Bytes.ToArray()).GetEncoded(compressed: false);
        var hash = Keccak256.Compute(uncompressed.AsSpan(1));
        return EvmAddress.ToChecksum(Hex.Encode(hash.AsSpan(12)));
    }
}
