using MLGov.Core.Encoding;

namespace MLGov.Core.Merkle;

/// <summary><c>abi.encode(address voter, bytes32 choiceHash, uint256 weight)</c>: a vote leaf without its proposal (the finalizer's leaf is <see cref="ProposalVoteLeafEncoder"/>).</summary>
public sealed class VoteLeafEncoder : IMerkleLeafEncoder<CountedVote>
{
    private VoteLeafEncoder()
    {
    }

    public static VoteLeafEncoder Instance { get; } = new();

    public IReadOnlyList<string> LeafEncoding { get; } = ["address", "bytes32", "uint256"];

    public byte[] Encode(CountedVote value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var encoded = new byte[3 * AbiWords.WordLength];
        var span = encoded.AsSpan();
        AbiWords.WriteAddress(value.Voter, span[..32]);
        AbiWords.WriteBytes32(value.ChoiceHash.Span, span[32..64]);
        AbiWords.WriteUInt256(value.Weight, span[64..]);
        return encoded;
    }
}
