namespace MLGov.Trust.Ethereum;

/// <summary>
/// The hashes of one EIP-712 typed data document: <c>hashStruct(EIP712Domain, domain)</c>, <c>hashStruct(primaryType,
/// message)</c> (null when the primary type is <c>EIP712Domain</c> itself, which signs the domain alone) and the digest a
/// wallet signs, <c>keccak256(0x19 0x01 ‖ domainSeparator ‖ messageHash)</c>.
/// </summary>
public sealed record TypedDataHashes(byte[] DomainSeparator, byte[]? MessageHash, byte[] Digest);
