using System.Security.Cryptography;
using System.Text;
using MLGov.Core.Hashing;

namespace MLGov.Contracts.Chain.Tests.Infrastructure;

/// <summary>bytes32 values for tests.</summary>
public static class Ids
{
    /// <summary>A random non-zero bytes32 (asset, proposal, policy, incident, service ids).</summary>
    public static byte[] New()
    {
        var id = RandomNumberGenerator.GetBytes(32);
        id[0] |= 1;
        return id;
    }

    /// <summary>keccak256 of a UTF-8 string, as the Solidity tests write <c>keccak256("...")</c>.</summary>
    public static byte[] Hash(string text) => Keccak256.Compute(Encoding.UTF8.GetBytes(text));

    public static byte[] Zero => new byte[32];

    public const string ZeroAddress = "0x0000000000000000000000000000000000000000";
}
