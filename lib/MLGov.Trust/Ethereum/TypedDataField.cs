namespace MLGov.Trust.Ethereum;

/// <summary>One member of an EIP-712 struct type: its name and its type as written (<c>uint256</c>, <c>Person[]</c>, <c>bytes32</c>).</summary>
public sealed record TypedDataField(string Name, string Type);
