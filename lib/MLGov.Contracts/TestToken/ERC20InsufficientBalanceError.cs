using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MLGov.Contracts.TestToken;

/// <summary>OpenZeppelin ERC-20: error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed).</summary>
[Error("ERC20InsufficientBalance")]
public sealed class ERC20InsufficientBalanceError
{
    [Parameter("address", "sender", 1)]
    public string Sender { get; set; } = string.Empty;

    [Parameter("uint256", "balance", 2)]
    public BigInteger Balance { get; set; }

    [Parameter("uint256", "needed", 3)]
    public BigInteger Needed { get; set; }
}
