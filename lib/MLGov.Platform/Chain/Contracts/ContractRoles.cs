using System.Text;
using MLGov.Core.Hashing;

namespace MLGov.Platform.Chain.Contracts;

/// <summary>
/// The AccessControl role ids of the contracts: <c>keccak256("&lt;NAME&gt;")</c>, and 32 zero bytes
/// for the admin role. Each property returns a fresh array.
/// </summary>
public static class ContractRoles
{
    public static byte[] DefaultAdmin => new byte[32];

    /// <summary>SoulboundBadge: mint.</summary>
    public static byte[] Issuer => Of("ISSUER_ROLE");

    /// <summary>SoulboundBadge: revoke.</summary>
    public static byte[] Revoker => Of("REVOKER_ROLE");

    /// <summary>AssetAnchorRegistry: act on behalf of owners.</summary>
    public static byte[] Registrar => Of("REGISTRAR_ROLE");

    /// <summary>GovernanceFinalizer: post results.</summary>
    public static byte[] Finalizer => Of("FINALIZER_ROLE");

    /// <summary>GovernanceFinalizer: dispute results inside the challenge window; MerkleDistributor: dispute pending roots.</summary>
    public static byte[] Challenger => Of("CHALLENGER_ROLE");

    /// <summary>MerkleDistributor: post roots (and pay in their funding).</summary>
    public static byte[] Distributor => Of("DISTRIBUTOR_ROLE");

    /// <summary>StakingPool: slash.</summary>
    public static byte[] Slasher => Of("SLASHER_ROLE");

    /// <summary>InsurancePool: create policies.</summary>
    public static byte[] Underwriter => Of("UNDERWRITER_ROLE");

    /// <summary>InsurancePool: pay claims.</summary>
    public static byte[] Payer => Of("PAYER_ROLE");

    /// <summary>InsurancePool: deposit slashed stake (granted to the StakingPool).</summary>
    public static byte[] SlashDepositor => Of("SLASH_DEPOSITOR_ROLE");

    /// <summary>StakingPool, InsurancePool, MerkleDistributor: pause the value-moving functions.</summary>
    public static byte[] Guardian => Of("GUARDIAN_ROLE");

    /// <summary>TestToken: mint.</summary>
    public static byte[] Minter => Of("MINTER_ROLE");

    /// <summary><c>keccak256(name)</c>, the id of the role called <paramref name="name"/>.</summary>
    public static byte[] Of(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Keccak256.Compute(Encoding.UTF8.GetBytes(name));
    }
}
