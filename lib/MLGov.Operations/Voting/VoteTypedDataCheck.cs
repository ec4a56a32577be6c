using System.Text.Json;
using MLGov.Trust.Ethereum;
using MLGov.Voting.Domain.Signing;

namespace MLGov.Operations.Voting;

/// <summary>
/// What <c>mlgov vote sign</c> checks before it signs, so a key signs only what the voting service counts: typed data
/// of exactly the MLGov vote types (<see cref="VoteTypedData"/>), in the MLGov Voting domain, whose voter is the key's
/// own address (the service would refuse anyone else's signature, and a key should not sign votes it does not cast).
/// </summary>
internal static class VoteTypedDataCheck
{
    /// <summary>What is wrong with the (already hashed, so well-formed) typed data as a vote by <paramref name="signer"/>; null when nothing.</summary>
    public static string? Problem(JsonElement typedData, string signer)
    {
        var types = TypedDataEncoder.ParseTypes(typedData.GetProperty("types"));
        if (typedData.GetProperty("primaryType").GetString() != "Vote" || !types.ContainsKey("Vote"))
        {
            return "not an MLGov vote: the primaryType must be Vote (use mlgov eip712 sign for other typed data).";
        }

        if (TypedDataEncoder.EncodeType(types, "Vote") != VoteTypedData.VoteType)
        {
            return $"not an MLGov vote: the Vote type must be {VoteTypedData.VoteType}.";
        }

        if (TypedDataEncoder.EncodeType(types, TypedDataEncoder.DomainType) != VoteTypedData.DomainType)
        {
            return $"not an MLGov vote: the domain type must be {VoteTypedData.DomainType}.";
        }

        var domain = typedData.GetProperty("domain");
        if (domain.GetProperty("name").GetString() != VoteTypedData.DomainName || domain.GetProperty("version").GetString() != VoteTypedData.DomainVersion)
        {
            return $"not an MLGov vote: the domain must be \"{VoteTypedData.DomainName}\" version \"{VoteTypedData.DomainVersion}\".";
        }

        var voter = typedData.GetProperty("message").GetProperty("voter").GetString();
        return string.Equals(voter, signer, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"the vote's voter is {voter}, but the key's address is {signer}: the service counts a vote only when the voter signed it.";
    }
}
