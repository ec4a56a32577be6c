using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MLGov.Contracts.TestToken;

/// <summary>OpenZeppelin AccessControl: error AccessControlUnauthorizedAccount(address account, bytes32 neededRole).</summary>
[Error("AccessControlUnauthorizedAccount")]
public sealed class AccessControlUnauthorizedAccountError
{
    [Parameter("address", "account", 1)]
    public string Account { get; set; } = string.Empty;

    [Parameter("bytes32", "neededRole", 2)]
    public byte[] NeededRole { get; set; } = [];
}
