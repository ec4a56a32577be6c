using System.Globalization;
using System.Text;
using System.Text.Json;
using MLGov.Core.Encoding;
using MLGov.Core.Errors;
using MLGov.Core.Hashing;
using MLGov.Core.Identifiers;
using MLGov.Trust.Ethereum;
using MLGov.Voting.Domain.Choices;
using MLGov.Voting.Domain.Proposals;
using MLGov.Voting.Domain.Shielded;
using MLGov.Voting.Domain.Signing;

namespace MLGov.Voting.Domain.Votes;

/// <summary>
/// Checks a signed vote against a proposal's terms, every refusal a <see cref="ValidationException"/> naming the member:
/// <list type="bullet">
/// <item>EIP-712 (<see cref="CheckTypedData"/>): the typed data must be exactly the vote document this service serves
/// (its digest equals the vote's own digest), for this proposal's chain and finalizer and this proposal; the signature a
/// canonical (low-s) 65-byte signature by the message's voter.</item>
/// <item>DID (<see cref="ReadJwsPayload"/>): the JWS payload names this proposal, chain and finalizer, the voting DID, the
/// choice and the time; the service checks the signature against the DID's keys.</item>
/// </list>
/// In both, the choice must be canonical for the proposal's type and the signed time inside the voting window and not
/// ahead of the service's clock by more than <see cref="ClockSkew"/>.
/// </summary>
public static class VoteChecks
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static AcceptedVote CheckTypedData(ProposalDefinition terms, JsonElement typedData, string? signature, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (typedData.ValueKind != JsonValueKind.Object)
        {
            throw ValidationException.For("typedData", "typedData is the typed data object the wallet signed.");
        }

        var domain = Member(typedData, "domain");
        var chainId = domain.TryGetProperty("chainId", out var chain) ? chain.ToString() : null;
        if (chainId != terms.ChainId.ToString(CultureInfo.InvariantCulture))
        {
            throw ValidationException.For("typedData.domain.chainId", $"The vote is signed for chain {chainId ?? "(none)"}, not for this proposal's chain {terms.ChainId}.");
        }

        var verifying = String(domain, "verifyingContract", "typedData.domain.verifyingContract");
        if (!string.Equals(verifying, terms.Finalizer, StringComparison.OrdinalIgnoreCase))
        {
            throw ValidationException.For("typedData.domain.verifyingContract", $"The vote is signed for the contract {verifying ?? "(none)"}, not for this proposal's finalizer {terms.Finalizer}.");
        }

        var message = Member(typedData, "message");
        var proposal = String(message, "proposal", "typedData.message.proposal");
        if (!string.Equals(proposal, terms.Id, StringComparison.OrdinalIgnoreCase))
        {
            throw ValidationException.For("typedData.message.proposal", "The vote is for another proposal.");
        }

        var voter = String(message, "voter", "typedData.message.voter");
        var choice = String(message, "choice", "choice");
        var timestamp = message.TryGetProperty("timestamp", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetUInt64(out var seconds) ? seconds : (ulong?)null;
        if (!EvmAddress.IsValid(voter))
        {
            throw ValidationException.For("typedData.message.voter", EvmAddress.Problem("The voter"));
        }

        if (timestamp is null or > long.MaxValue)
        {
            throw ValidationException.For("typedData.message.timestamp", "The timestamp is the vote's time in Unix seconds.");
        }

        CheckChoice(terms, choice);
        CheckTime(terms, (long)timestamp, now);
        var vote = new VoteMessage(terms.IdBytes(), voter!, choice!, timestamp.Value);
        var digest = new VoteTypedData(terms.ChainId, terms.Finalizer).Digest(vote);
        byte[] served;
        try
        {
            served = TypedDataEncoder.Hash(typedData).Digest;
        }
        catch (ValidationException exception)
        {
            throw ValidationException.For("typedData", "The typed data does not encode: " + exception.Message);
        }
        catch (InvalidOperationException)
        {
            throw ValidationException.For("typedData", "The typed data holds text that is not valid Unicode.");
        }

        if (!served.AsSpan().SequenceEqual(digest))
        {
            throw ValidationException.For("typedData", "The typed data is not the vote document this service serves (GET .../typed-data); sign that one.");
        }

        if (signature is null || !signature.StartsWith("0x", StringComparison.Ordinal) || !Hex.TryDecode(signature, out var signatureBytes))
        {
            throw ValidationException.For("signature", "The signature is the 65-byte r ‖ s ‖ v as 0x hex.");
        }

        Span<byte> recovered = stackalloc byte[20];
        var problem = EthereumSignatures.TryRecoverAddress(digest, signatureBytes, recovered);
        if (problem != SignatureProblem.None)
        {
            throw ValidationException.For("signature", EthereumSignatures.Describe(problem));
        }

        if (!recovered.SequenceEqual(Hex.Decode(voter!)))
        {
            throw ValidationException.For("signature", $"The signature is by {EvmAddress.ToChecksum(Hex.Encode(recovered))}, not by the voter {voter}.");
        }

        return new AcceptedVote(EvmAddress.ToChecksum(voter!), null, choice!, (long)timestamp, Hex.Encode(digest), VoteKinds.Eip712, signature.ToLowerInvariant());
    }

    /// <summary>
    /// Reads and checks the payload of a DID-signed vote: <c>{"proposal", "chainId", "finalizer", "voter" (the DID), "choice",
    /// "timestamp"}</c>. Returns the vote under the DID's address; the caller verifies the JWS against the DID.
    /// </summary>
    public static AcceptedVote ReadJwsPayload(ProposalDefinition terms, ReadOnlySpan<byte> payload, string compactJws, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(compactJws);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload.ToArray());
        }
        catch (JsonException)
        {
            throw ValidationException.For("jws", "The JWS payload is not JSON.");
        }

        using (document)
        {
            try
            {
                return ReadJwsVote(terms, document.RootElement, compactJws, now);
            }
            catch (InvalidOperationException)
            {
                throw ValidationException.For("jws", "The JWS payload holds text that is not valid Unicode.");
            }
        }
    }

    private static AcceptedVote ReadJwsVote(ProposalDefinition terms, JsonElement root, string compactJws, DateTimeOffset now)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw ValidationException.For("jws", "The JWS payload is a JSON object.");
        }

        var allowed = new HashSet<string>(["proposal", "chainId", "finalizer", "voter", "choice", "timestamp"], StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
            {
                throw ValidationException.For("jws", $"The JWS payload has a member '{property.Name}' a vote does not have.");
            }
        }

        if (!(root.TryGetProperty("chainId", out var chain) && chain.ValueKind == JsonValueKind.Number && chain.TryGetInt64(out var chainId) && chainId == terms.ChainId))
        {
            throw ValidationException.For("jws.chainId", $"The vote is not signed for this proposal's chain {terms.ChainId}.");
        }

        if (!string.Equals(String(root, "finalizer", "jws.finalizer"), terms.Finalizer, StringComparison.OrdinalIgnoreCase))
        {
            throw ValidationException.For("jws.finalizer", $"The vote is not signed for this proposal's finalizer {terms.Finalizer}.");
        }

        if (!string.Equals(String(root, "proposal", "jws.proposal"), terms.Id, StringComparison.OrdinalIgnoreCase))
        {
            throw ValidationException.For("jws.proposal", "The vote is for another proposal.");
        }

        var did = String(root, "voter", "jws.voter");
        if (!Did.IsValid(did))
        {
            throw ValidationException.For("jws.voter", Did.Problem("The voter"));
        }

        if (!(root.TryGetProperty("timestamp", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out var timestamp) && timestamp >= 0))
        {
            throw ValidationException.For("jws.timestamp", "The timestamp is the vote's time in Unix seconds.");
        }

        var choice = String(root, "choice", "choice");
        CheckChoice(terms, choice);
        CheckTime(terms, timestamp, now);
        var id = Keccak256.Compute(Encoding.ASCII.GetBytes(compactJws));
        return new AcceptedVote(DidVoters.AddressOf(did!), did, choice!, timestamp, Hex.Encode(id), VoteKinds.Jws, compactJws);
    }

    /// <summary>
    /// Refuses a choice the proposal does not take: for a shielded proposal anything but a ballot text
    /// (<see cref="ShieldedBallots"/>), otherwise anything but the type's canonical choice text.
    /// </summary>
    public static void CheckChoice(ProposalDefinition terms, string? choice)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Shielded is not null)
        {
            if (!ShieldedBallots.IsBallot(choice))
            {
                throw ValidationException.For("choice", $"This proposal is shielded: the choice is a ballot encrypted to its key ({ShieldedBallots.Prefix}…).");
            }

            return;
        }

        if (!ChoiceParser.TryParse(terms.ParsedType(), terms.Choices.Count, choice, out _, out var problems))
        {
            throw new ValidationException("The choice is not valid for this proposal: " + string.Join(" ", problems), new Dictionary<string, string[]> { ["choice"] = [.. problems] });
        }
    }

    private static void CheckTime(ProposalDefinition terms, long timestamp, DateTimeOffset now)
    {
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(Math.Min(timestamp, 253402300799));
        if (signedAt > now + ClockSkew)
        {
            throw ValidationException.For("timestamp", "The vote is signed for a time in the future.");
        }

        if (!terms.IsOpenAt(signedAt))
        {
            throw ValidationException.For("timestamp", $"The vote is signed at {signedAt:O}, outside the voting window {terms.Start:O} to {terms.End:O}.");
        }
    }

    private static JsonElement Member(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw ValidationException.For("typedData." + name, $"The typed data has no {name} object.");

    /// <summary>A string member, or null when absent or not a string; text with a lone surrogate (valid JSON, not Unicode) is refused.</summary>
    private static string? String(JsonElement element, string name, string member)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            throw ValidationException.For(member, $"{name} is not valid Unicode text.");
        }
    }
}
