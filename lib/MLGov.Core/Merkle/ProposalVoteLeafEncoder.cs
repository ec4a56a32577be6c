using MLGov.Core.Encoding;

namespace MLGov.Core.Merkle;

/// <summary>
/// <c>abi.encode(uint256 chainId, address finalizer, bytes32 proposalId, address voter, bytes32 choiceHash, uint256 weight)</c>:
/// the GovernanceFinalizer's vote leaf (its <c>voteLeaf(proposalId, voter, choiceHash, weight)</c>).
/// </summary>
public sealed class ProposalVoteLeafEncoder : IMerkleLeafEncoder<ProposalVote>
{
    private ProposalVoteLeafEncoder()
    {
    }

    public static ProposalVoteLeafEncoder Instance { get; } = new();

    public IReadOnlyList<string> LeafEncoding { get; } = ["uint256", "address", "bytes32", "address", "bytes32", "uint256"];

    public byte[] Encode(ProposalVote value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var encoded = new byte[6 * AbiWords.WordLength];
        var span = encoded.AsSpan();
        AbiWords.WriteUInt256(value.ChainId, span[..32]);
        AbiWords.WriteAddress(value.Finalizer, span[32..64]);
        AbiWords.WriteBytes32(value.ProposalId.Span, span[64..96]);
        AbiWords.WriteAddress(value.Voter, span[96..128]);
        AbiWords.WriteBytes32(value.ChoiceHash.Span, span[128..160]);
        AbiWords.WriteUInt256(value.Weight, span[160..]);
        return encoded;
    }
}
