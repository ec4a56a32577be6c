using System.Numerics;

namespace MLGov.Core.Merkle;

/// <summary>
/// One leaf of a revenue distribution: what <paramref name="Account"/> has earned in
/// <paramref name="Token"/> in total, over every epoch so far, in the token's minor units
/// (MerkleDistributor, leaf types <c>["address", "address", "uint256"]</c>).
/// </summary>
public sealed record DistributionEntitlement(string Account, string Token, BigInteger CumulativeAmount);
