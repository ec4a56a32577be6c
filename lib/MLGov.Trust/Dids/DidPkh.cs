using System.Globalization;
using System.Text.Json.Nodes;
using MLGov.Core.Identifiers;

namespace MLGov.Trust.Dids;

/// <summary>
/// did:pkh for Ethereum accounts (W3C CCG did:pkh, namespace <c>eip155</c>): <c>did:pkh:eip155:{chain id}:{address}</c>,
/// the method-specific id being a CAIP-10 account id. The document is derived from the DID: one
/// <c>EcdsaSecp256k1RecoveryMethod2020</c> verification method with the <c>blockchainAccountId</c>, for
/// authentication and assertions (a signature proves control by recovering the address; there is no public key to list).
/// </summary>
public static class DidPkh
{
    private const string Prefix = "did:pkh:";
    private const string Eip155 = "eip155";

    public static readonly IReadOnlyList<string> Contexts = ["https://www.w3.org/ns/did/v1"];

    /// <summary>The JSON-LD terms the document uses, as the did:pkh spec's examples define them.</summary>
    private static readonly IReadOnlyDictionary<string, string> Terms = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["blockchainAccountId"] = "https://w3id.org/security#blockchainAccountId",
        ["EcdsaSecp256k1RecoveryMethod2020"] = "https://identity.foundation/EcdsaSecp256k1RecoverySignature2020#EcdsaSecp256k1RecoveryMethod2020",
    };

    /// <summary>
    /// The chain id and address of an eip155 did:pkh. Refused: other namespaces (false with a problem saying so),
    /// a chain id that is not a positive decimal of at most 32 digits (CAIP-2 reference length), an address that is not
    /// 0x plus 40 hex digits or breaks its EIP-55 checksum, and any path, query or fragment.
    /// </summary>
    public static bool TryParse(string? did, out ulong chainId, out string? address, out string? problem)
    {
        chainId = 0;
        address = null;
        if (!Did.IsValid(did) || !did!.StartsWith(Prefix, StringComparison.Ordinal))
        {
            problem = "Not a did:pkh.";
            return false;
        }

        var parts = did[Prefix.Length..].Split(':');
        if (parts.Length != 3)
        {
            problem = "A did:pkh is did:pkh:{namespace}:{reference}:{address}.";
            return false;
        }

        if (parts[0] != Eip155)
        {
            problem = $"Only the {Eip155} namespace is supported, not '{parts[0]}'.";
            return false;
        }

        if (parts[1].Length is 0 or > 32 || parts[1][0] == '0' || !parts[1].All(char.IsAsciiDigit)
            || !ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out chainId))
        {
            problem = "The eip155 chain id must be a positive decimal number without leading zeros.";
            return false;
        }

        if (!EvmAddress.IsValid(parts[2]))
        {
            problem = "The account must be 0x and 40 hex digits, with a valid EIP-55 checksum when mixed case.";
            return false;
        }

        address = parts[2];
        problem = null;
        return true;
    }

    /// <summary>The CAIP-2 namespace of a did:pkh (for example eip155), or null when the DID is not a did:pkh of that shape.</summary>
    public static string? NamespaceOf(string? did)
    {
        if (!Did.IsValid(did) || !did!.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = did[Prefix.Length..].Split(':');
        var ns = parts[0];
        return parts.Length == 3 && ns.Length is >= 3 and <= 8 && ns.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') ? ns : null;
    }

    public static JsonObject Document(string did)
    {
        if (!TryParse(did, out _, out _, out var problem))
        {
            throw new ArgumentException(problem, nameof(did));
        }

        var account = did[Prefix.Length..];
        var methodId = did + "#blockchainAccountId";
        var context = new JsonArray(Contexts.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray())
        {
            new JsonObject(Terms.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)JsonValue.Create(t.Value)))),
        };
        return new JsonObject
        {
            ["@context"] = context,
            ["id"] = did,
            ["verificationMethod"] = new JsonArray(new JsonObject
            {
                ["id"] = methodId,
                ["type"] = "EcdsaSecp256k1RecoveryMethod2020",
                ["controller"] = did,
                ["blockchainAccountId"] = account,
            }),
            ["authentication"] = new JsonArray(methodId),
            ["assertionMethod"] = new JsonArray(methodId),
        };
    }
}
