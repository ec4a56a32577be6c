using System.Numerics;
using System.Text;
using MLGov.Core.Encoding;
using MLGov.Core.Hashing;
using Nethereum.Signer;

namespace MLGov.Platform.Chain.Contracts;

/// <summary>
/// The EIP-712 typed data an owner signs so that the registrar may act for it on one AssetAnchorRegistry
/// (<c>anchorFor</c>, <c>updateFor</c>, <c>offerTransferFor</c>, <c>acceptTransferFor</c>, <c>cancelOfferFor</c>).
/// Domain: name <c>"MLGov AssetAnchorRegistry"</c>, version <c>"1"</c>, the chain id and the registry's address,
/// so a consent is valid on one deployment of one chain only. Every struct carries the signer's next nonce
/// (<c>nonces(account)</c> on the registry, used up by the call) and a deadline (unix seconds, inclusive).
/// The digests are <c>keccak256("\x19\x01" ‖ domainSeparator ‖ hashStruct(message))</c>, what a wallet signs for
/// <c>eth_signTypedData_v4</c> with these types and values.
/// </summary>
public sealed class AssetAnchorConsent
{
    /// <summary>The EIP-712 domain name of the registry.</summary>
    public const string DomainName = "MLGov AssetAnchorRegistry";

    /// <summary>The EIP-712 domain version of the registry.</summary>
    public const string DomainVersion = "1";

    private static readonly byte[] DomainTypeHash = Hash("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    private static readonly byte[] AnchorTypeHash = Hash("Anchor(address owner,bytes32 salt,bytes32 contentHash,bytes32 metadataHash,bytes32[] parentIds,uint256 nonce,uint256 deadline)");
    private static readonly byte[] UpdateTypeHash = Hash("Update(bytes32 assetId,bytes32 contentHash,bytes32 metadataHash,uint256 nonce,uint256 deadline)");
    private static readonly byte[] OfferTransferTypeHash = Hash("OfferTransfer(bytes32 assetId,address newOwner,uint256 nonce,uint256 deadline)");
    private static readonly byte[] AcceptTransferTypeHash = Hash("AcceptTransfer(bytes32 assetId,uint256 nonce,uint256 deadline)");
    private static readonly byte[] CancelOfferTypeHash = Hash("CancelOffer(bytes32 assetId,uint256 nonce,uint256 deadline)");

    private readonly byte[] _domainSeparator;

    /// <param name="chainId">The chain the registry is deployed on.</param>
    /// <param name="registry">The registry's address (0x + 40 hex digits).</param>
    public AssetAnchorConsent(long chainId, string registry)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chainId);
        ArgumentException.ThrowIfNullOrEmpty(registry);
        ChainId = chainId;
        Registry = registry;
        _domainSeparator = HashWords(DomainTypeHash, Hash(DomainName), Hash(DomainVersion), UInt(chainId), Address(registry));
    }

    public long ChainId { get; }

    public string Registry { get; }

    /// <summary>The domain separator (the registry's <c>DOMAIN_SEPARATOR()</c>).</summary>
    public byte[] DomainSeparator => (byte[])_domainSeparator.Clone();

    /// <summary>The id an asset of <paramref name="owner"/> anchored with <paramref name="salt"/> gets: <c>keccak256(abi.encode(owner, salt))</c>.</summary>
    public static byte[] AssetIdOf(string owner, byte[] salt) => HashWords(Address(owner), Bytes32(salt));

    /// <summary>Digest of <c>Anchor(owner, salt, contentHash, metadataHash, parentIds, nonce, deadline)</c>.</summary>
    public byte[] AnchorDigest(string owner, byte[] salt, byte[] contentHash, byte[] metadataHash, IReadOnlyList<byte[]> parentIds, BigInteger nonce, BigInteger deadline)
    {
        ArgumentNullException.ThrowIfNull(parentIds);
        var parents = new byte[32 * parentIds.Count];
        for (var i = 0; i < parentIds.Count; i++)
        {
            Bytes32(parentIds[i]).CopyTo(parents, 32 * i);
        }

        return Digest(HashWords(AnchorTypeHash, Address(owner), Bytes32(salt), Bytes32(contentHash), Bytes32(metadataHash), Keccak256.Compute(parents), UInt(nonce), UInt(deadline)));
    }

    /// <summary>Digest of <c>Update(assetId, contentHash, metadataHash, nonce, deadline)</c>, signed by the owner.</summary>
    public byte[] UpdateDigest(byte[] assetId, byte[] contentHash, byte[] metadataHash, BigInteger nonce, BigInteger deadline) =>
        Digest(HashWords(UpdateTypeHash, Bytes32(assetId), Bytes32(contentHash), Bytes32(metadataHash), UInt(nonce), UInt(deadline)));

    /// <summary>Digest of <c>OfferTransfer(assetId, newOwner, nonce, deadline)</c>, signed by the owner.</summary>
    public byte[] OfferTransferDigest(byte[] assetId, string newOwner, BigInteger nonce, BigInteger deadline) =>
        Digest(HashWords(OfferTransferTypeHash, Bytes32(assetId), Address(newOwner), UInt(nonce), UInt(deadline)));

    /// <summary>Digest of <c>AcceptTransfer(assetId, nonce, deadline)</c>, signed by the pending owner.</summary>
    public byte[] AcceptTransferDigest(byte[] assetId, BigInteger nonce, BigInteger deadline) =>
        Digest(HashWords(AcceptTransferTypeHash, Bytes32(assetId), UInt(nonce), UInt(deadline)));

    /// <summary>Digest of <c>CancelOffer(assetId, nonce, deadline)</c>, signed by the owner.</summary>
    public byte[] CancelOfferDigest(byte[] assetId, BigInteger nonce, BigInteger deadline) =>
        Digest(HashWords(CancelOfferTypeHash, Bytes32(assetId), UInt(nonce), UInt(deadline)));

    /// <summary>
    /// Signs a digest with a local key: the 65 bytes r ‖ s ‖ v (v = 27 or 28, s in the lower half of the order,
    /// as the registry requires). For tests and tools; owners sign in their own wallets.
    /// </summary>
    public static byte[] Sign(byte[] digest, EthECKey key)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(key);
        if (digest.Length != 32)
        {
            throw new ArgumentException("A digest is 32 bytes.", nameof(digest));
        }

        var signature = key.SignAndCalculateV(digest);
        var result = new byte[65];
        Pad32(signature.R).CopyTo(result, 0);
        Pad32(signature.S).CopyTo(result, 32);
        result[64] = signature.V[0] < 27 ? (byte)(signature.V[0] + 27) : signature.V[0];
        return result;
    }

    private byte[] Digest(byte[] structHash)
    {
        var buffer = new byte[66];
        buffer[0] = 0x19;
        buffer[1] = 0x01;
        _domainSeparator.CopyTo(buffer, 2);
        structHash.CopyTo(buffer, 34);
        return Keccak256.Compute(buffer);
    }

    private static byte[] Hash(string text) => Keccak256.Compute(Encoding.UTF8.GetBytes(text));

    private static byte[] HashWords(params byte[][] words)
    {
        var buffer = new byte[32 * words.Length];
        for (var i = 0; i < words.Length; i++)
        {
            words[i].CopyTo(buffer, 32 * i);
        }

        return Keccak256.Compute(buffer);
    }

    private static byte[] Address(string address)
    {
        var word = new byte[32];
        AbiWords.WriteAddress(address, word);
        return word;
    }

    private static byte[] UInt(BigInteger value)
    {
        var word = new byte[32];
        AbiWords.WriteUInt256(value, word);
        return word;
    }

    private static byte[] Bytes32(byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var word = new byte[32];
        AbiWords.WriteBytes32(value, word);
        return word;
    }

    private static byte[] Pad32(byte[] value)
    {
        var word = new byte[32];
        value.AsSpan(Math.Max(0, value.Length - 32)).CopyTo(word.AsSpan(32 - Math.Min(32, value.Length)));
        return word;
    }

}
