using System.Text;
using MLGov.Core.Encoding;
using MLGov.Core.Hashing;
using MLGov.Core.Identifiers;
using MLGov.Trust.Dids;

namespace MLGov.Voting.Domain.Votes;

/// <summary>
/// The address a DID's votes are counted under, which the vote's Merkle leaf binds: the DID's own Ethereum address when
/// its key is secp256k1 (did:pkh, did:key, did:ethr), otherwise the last 20 bytes of keccak256 of the DID's UTF-8 text —
/// an address nobody holds a key for, unique per DID, which only names the DID in the leaf.
/// </summary>
public static class DidVoters
{
    public static string AddressOf(string did)
    {
        ArgumentException.ThrowIfNullOrEmpty(did);
        var own = DidAccounts.EthereumAddressOf(did);
        if (own is not null)
        {
            return EvmAddress.ToChecksum(own);
        }

        var hash = Keccak256.Compute(Encoding.UTF8.GetBytes(did));
        return EvmAddress.ToChecksum(Hex.Encode(hash.AsSpan(12)));
    }
}
