using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MLGov.Contracts.TestToken;

/// <summary>constructor(string name, string symbol, uint8 decimals, address admin)</summary>
public sealed class TestTokenDeployment : ContractDeploymentMessage
{
    public TestTokenDeployment()
        : base(ContractArtifact.Load("TestToken").Bytecode)
    {
    }

    [Parameter("string", "name_", 1)]
    public string Name { get; set; } = string.Empty;

    [Parameter("string", "symbol_", 2)]
    public string Symbol { get; set; } = string.Empty;

    [Parameter("uint8", "decimals_", 3)]
    public byte Decimals { get; set; }

    [Parameter("address", "admin", 4)]
    public string Admin { get; set; } = string.Empty;
}
