using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MLGov.Contracts.TestToken;

[Function("balanceOf", "uint256")]
public sealed class BalanceOfFunction : FunctionMessage
{
    [Parameter("address", "account", 1)]
    public string Account { get; set; } = string.Empty;
}
