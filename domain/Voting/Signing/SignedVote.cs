namespace MLGov.Voting.Domain.Signing;

/// <summary>A vote message with the voter's 65-byte EIP-712 signature (<c>r ‖ s ‖ v</c>, as <c>eth_signTypedData_v4</c> returns it).</summary>
public sealed record SignedVote(VoteMessage Message, ReadOnlyMemory<byte> Signature);
