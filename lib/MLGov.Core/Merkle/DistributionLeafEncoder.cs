using MLGov.Core.Encoding;

namespace MLGov.Core.Merkle;

/// <summary><c>abi.encode(address account, address token, uint256 cumulativeAmount)</c>: the MerkleDistributor's leaf.</summary>
public sealed class DistributionLeafEncoder : IMerkleLeafEncoder<DistributionEntitlement>
{
    private DistributionLeafEncoder()
    {
    }

    public static DistributionLeafEncoder Instance { get; } = new();

    public IReadOnlyList<string> LeafEncoding { get; } = ["address", "address", "uint256"];

    public byte[] Encode(DistributionEntitlement value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var encoded = new byte[3 * AbiWords.WordLength];
        var span = encoded.AsSpan();
        AbiWords.WriteAddress(value.Account, span[..32]);
        AbiWords.WriteAddress(value.Token, span[32..64]);
        AbiWords.WriteUInt256(value.CumulativeAmount, span[64..]);
        return encoded;
    }
}
