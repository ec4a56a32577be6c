namespace MLGov.Voting.Domain.Weights;

/// <summary>A delegation with the delegator's 65-byte EIP-712 signature (<c>r ‖ s ‖ v</c>, as <c>eth_signTypedData_v4</c> returns it).</summary>
public sealed record SignedDelegation(DelegationMessage Message, ReadOnlyMemory<byte> Signature);
