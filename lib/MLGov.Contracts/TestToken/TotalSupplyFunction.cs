using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MLGov.Contracts.TestToken;

[Function("totalSupply", "uint256")]
public sealed class TotalSupplyFunction : FunctionMessage
{
}
