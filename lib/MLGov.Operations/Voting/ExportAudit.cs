using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MLGov.Core.Encoding;
using MLGov.Core.Errors;
using MLGov.Core.Hashing;
using MLGov.Core.Identifiers;
using MLGov.Platform.Http;
using MLGov.Trust.Credentials;
using MLGov.Trust.Dids;
using MLGov.Trust.Ethereum;
using MLGov.Trust.Jose;
using MLGov.Voting.Domain.Proposals;
using MLGov.Voting.Domain.Signing;
using MLGov.Voting.Domain.Tally;
using MLGov.Voting.Domain.Votes;

namespace MLGov.Operations.Voting;

/// <summary>
/// <c>mlgov tally --proposal FILE --votes FILE.jsonl</c>: the offline audit of a proposal's vote export. Every line is
/// checked again as the service checked it when it took the vote — for this proposal, a valid choice, signed inside the
/// voting window, the signature by the voter (EIP-712: the digest rebuilt from the line is its id and recovers to its
/// voter, low s; DID: the compact JWS verifies against the DID's key offline, its payload is the line, its id is
/// keccak256 of the JWS) and, where every weight strategy is computable offline, the weight the strategies give. The
/// verified lines are tallied exactly as the service's closing timer does (<see cref="ProposalResult.Tally"/>), and the
/// result hash and votes root are compared with the proposal file's.
/// </summary>
internal static class ExportAudit
{
    // did:key and did:pkh resolve from the DID itself; other methods need the network (did:web) or a chain (did:ethr).
    private static readonly MethodDidResolver Resolver = MethodDidResolver.Local();

    public static int Run(TextWriter output, TextWriter error, string? proposalFile, string? votesFile, string? totalWeightText)
    {
        if (proposalFile is null || votesFile is null)
        {
            return CommandRun.Refuse(error, "Usage: mlgov tally --proposal FILE --votes FILE.jsonl [--total-weight N] (both files are needed).");
        }

        BigInteger? totalWeight = null;
        if (totalWeightText is not null)
        {
            if (!IsPositiveInteger(totalWeightText))
            {
                return CommandRun.Refuse(error, $"--total-weight must be a positive whole number without leading zeros, not '{totalWeightText}'.");
            }

            totalWeight = BigInteger.Parse(totalWeightText, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        var proposal = ReadProposal(proposalFile, totalWeight, out var problem);
        if (proposal is null)
        {
            return CommandRun.Refuse(error, problem!);
        }

        if (!File.Exists(votesFile))
        {
            return CommandRun.Refuse(error, $"No such file: {votesFile}.");
        }

        var terms = proposal.Terms;
        var expectedWeight = CredentialWeights.Expected(terms);
        var typedData = new VoteTypedData(terms.ChainId, terms.Finalizer);
        var verified = new List<ExportedVote>();
        var firstLineOf = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var refused = new JsonArray();
        var lineNumber = 0;
        var lines = 0;
        foreach (var text in File.ReadLines(votesFile))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            lines++;
            var line = ReadLine(text, out var lineProblem);
            if (line is null)
            {
                return CommandRun.Refuse(error, $"{votesFile}, line {lineNumber.ToString(CultureInfo.InvariantCulture)}: {lineProblem}");
            }

            var reason = Check(terms, typedData, expectedWeight, line);
            if (reason is null && !firstLineOf.TryAdd(line.Voter, lineNumber))
            {
                // The service keeps one vote per voter (a changed vote replaces the earlier one), so its export has one line
                // per voter; a second one was added after the fact, even if it is a vote the voter really signed.
                reason = $"the voter {line.Voter} has a vote on line {firstLineOf[line.Voter].ToString(CultureInfo.InvariantCulture)} already; the export holds one vote per voter.";
            }

            if (reason is null)
            {
                verified.Add(line);
            }
            else
            {
                refused.Add(new JsonObject { ["line"] = lineNumber, ["reason"] = reason });
            }
        }

        var result = ProposalResult.From(ProposalResult.Tally(terms, verified.Select(v => (v.Voter, v.Choice, v.CountedWeight(), v.Timestamp, v.Id)), totalWeight));
        var hash = result.Hash();
        bool? matches = proposal.ResultHash is null && proposal.VotesRoot is null
            ? null
            : string.Equals(hash, proposal.ResultHash, StringComparison.OrdinalIgnoreCase)
              && string.Equals(result.VotesRoot, proposal.VotesRoot, StringComparison.OrdinalIgnoreCase);
        var report = new JsonObject
        {
            ["proposal"] = terms.Id,
            ["lines"] = lines,
            ["verified"] = verified.Count,
            ["counted"] = result.CountedVotes,
            ["refused"] = refused,
            ["weightsChecked"] = expectedWeight is not null,
            ["uncheckedStrategies"] = new JsonArray([.. CredentialWeights.Unchecked(terms).Select(k => JsonValue.Create(k))]),
            ["result"] = JsonNode.Parse(result.ToCanonicalJson()),
            ["resultHash"] = hash,
            ["votesRoot"] = result.VotesRoot,
            ["published"] = new JsonObject { ["resultHash"] = proposal.ResultHash, ["votesRoot"] = proposal.VotesRoot },
            ["matches"] = matches,
        };
        output.WriteLine(report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return refused.Count == 0 && matches != false ? CommandRun.Ok : CommandRun.Failed;
    }

    /// <summary>Why the line is refused, or null when it verifies.</summary>
    private static string? Check(ProposalDefinition terms, VoteTypedData typedData, BigInteger? expectedWeight, ExportedVote line)
    {
        if (!string.Equals(line.Proposal, terms.Id, StringComparison.OrdinalIgnoreCase))
        {
            return $"the vote is for another proposal ({line.Proposal}).";
        }

        // A voter may have no weight of their own when others delegate to them; what the vote counts must be positive.
        if (!(line.Weight == "0" || IsPositiveInteger(line.Weight)) || (line.Delegated is not null && !IsPositiveInteger(line.Delegated)) || line.CountedWeight() == "0")
        {
            return $"the weight '{line.Weight}' (delegated '{line.Delegated}') is not a decimal integer, or the vote counts no weight.";
        }

        if (expectedWeight is { } expected && BigInteger.Parse(line.Weight, NumberStyles.None, CultureInfo.InvariantCulture) != expected)
        {
            return $"the weight {line.Weight} is not the {expected.ToString(CultureInfo.InvariantCulture)} the proposal's strategies give a voter.";
        }

        return line.Kind switch
        {
            VoteKinds.Eip712 => CheckTypedDataVote(terms, typedData, line),
            VoteKinds.Jws => CheckDidVote(terms, line),
            _ => $"the kind '{line.Kind}' is neither eip712 nor jws.",
        };
    }

    private static string? CheckTypedDataVote(ProposalDefinition terms, VoteTypedData typedData, ExportedVote line)
    {
        if (line.Did is not null)
        {
            return "an eip712 vote has no did.";
        }

        if (!EvmAddress.IsValid(line.Voter) || !string.Equals(line.Voter, EvmAddress.ToChecksum(line.Voter), StringComparison.Ordinal))
        {
            return $"the voter '{line.Voter}' is not an EIP-55 address.";
        }

        if (line.Timestamp < 0)
        {
            return "the timestamp is the vote's time in Unix seconds.";
        }

        var problem = ChoiceAndTime(terms, line.Choice, line.Timestamp);
        if (problem is not null)
        {
            return problem;
        }

        var digest = typedData.Digest(new VoteMessage(terms.IdBytes(), line.Voter, line.Choice, (ulong)line.Timestamp));
        if (!string.Equals(line.Id, Hex.Encode(digest), StringComparison.OrdinalIgnoreCase))
        {
            return $"the id is not the EIP-712 digest of the vote ({Hex.Encode(digest)}).";
        }

        if (!line.Proof.StartsWith("0x", StringComparison.Ordinal) || !Hex.TryDecode(line.Proof, out var signature))
        {
            return "the proof is not a 0x hex signature.";
        }

        Span<byte> recovered = stackalloc byte[20];
        var recovery = EthereumSignatures.TryRecoverAddress(digest, signature, recovered);
        if (recovery != SignatureProblem.None)
        {
            return "the signature does not recover: " + EthereumSignatures.Describe(recovery);
        }

        var signer = EvmAddress.ToChecksum(Hex.Encode(recovered));
        return signer == line.Voter ? null : $"the signature is by {signer}, not by the voter {line.Voter}.";
    }

    private static string? CheckDidVote(ProposalDefinition terms, ExportedVote line)
    {
        if (line.Did is null)
        {
            return "a jws vote names its did.";
        }

        var jws = CompactJws.TryParse(line.Proof, out var parseProblem);
        if (jws is null)
        {
            return "the proof is not a compact JWS: " + parseProblem;
        }

        AcceptedVote vote;
        try
        {
            // The service refuses a vote signed more than the clock skew ahead of its clock; the audit runs after the end,
            // so it reads the payload at the end: what remains is the window check (signed at or after the start, before
            // the end), the one the service made at any time it took the vote.
            vote = VoteChecks.ReadJwsPayload(terms, jws.Payload, line.Proof, terms.End);
        }
        catch (ValidationException exception)
        {
            return "the signed vote is refused: " + exception.Message;
        }

        if (!DidUrl.TryParseMethodReference(jws.Kid, out var kid, out _) || kid!.Did != vote.Did)
        {
            return "the vote is not signed by a key of the voting DID (its kid a DID URL of that DID).";
        }

        if (!string.Equals(vote.Did, line.Did, StringComparison.Ordinal) || !string.Equals(vote.Voter, line.Voter, StringComparison.Ordinal)
            || !string.Equals(vote.Choice, line.Choice, StringComparison.Ordinal) || vote.Timestamp != line.Timestamp)
        {
            return $"the line is not what the JWS signs (did {vote.Did}, voter {vote.Voter}, choice {vote.Choice}, timestamp {vote.Timestamp.ToString(CultureInfo.InvariantCulture)}).";
        }

        if (!string.Equals(vote.Id, line.Id, StringComparison.OrdinalIgnoreCase))
        {
            return $"the id is not keccak256 of the JWS ({vote.Id}).";
        }

        var method = Did.MethodOf(vote.Did);
        if (method is not ("key" or "pkh"))
        {
            return $"did:{method} cannot be resolved offline; only did:key and did:pkh votes are verified by this audit.";
        }

        var check = DidJwsVerifier.VerifyAsync(Resolver, jws, VerificationRelationships.Authentication).AsTask().GetAwaiter().GetResult();
        return check.Outcome == CheckOutcome.Passed ? null : $"the JWS does not verify: {check.Error} ({check.Detail}).";
    }

    // What VoteChecks checks of every vote's choice (a canonical choice, or for a shielded proposal a ballot) and time,
    // without the clock: the audit runs after the end.
    private static string? ChoiceAndTime(ProposalDefinition terms, string choice, long timestamp)
    {
        try
        {
            VoteChecks.CheckChoice(terms, choice);
        }
        catch (ValidationException exception)
        {
            return exception.Message;
        }

        var signedAt = DateTimeOffset.FromUnixTimeSeconds(Math.Min(timestamp, 253402300799));
        return terms.IsOpenAt(signedAt) ? null : $"the vote is signed at {signedAt:O}, outside the voting window {terms.Start:O} to {terms.End:O}.";
    }

    private static ExportedVote? ReadLine(string text, out string? problem)
    {
        using var document = CommandRun.ParseLine(text, out problem);
        if (document is null)
        {
            return null;
        }

        try
        {
            return document.RootElement.Deserialize<ExportedVote>(ApiJson.Options)
                ?? throw new JsonException("null is not an exported vote.");
        }
        catch (JsonException exception)
        {
            problem = "not an exported vote {proposal, voter, did, choice, timestamp, id, kind, proof, weight}: " + CommandRun.FirstLine(exception.Message);
            return null;
        }
    }

    private static PublishedProposal? ReadProposal(string path, BigInteger? totalWeight, out string? problem)
    {
        using var document = CommandRun.ReadJson(path, "--proposal FILE", out problem);
        if (document is null)
        {
            return null;
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("terms", out var termsElement) || termsElement.ValueKind != JsonValueKind.Object)
        {
            problem = $"{path}: a proposal is the JSON of GET /api/voting/proposals/{{id}}, with its terms.";
            return null;
        }

        try
        {
            var terms = termsElement.Deserialize<ProposalDefinition>(ApiJson.Options) ?? throw new JsonException("the terms are null.");
            if (!Hex.TryDecode(terms.Id, out var id) || id.Length != 32 || !terms.Id.StartsWith("0x", StringComparison.Ordinal))
            {
                throw new InvalidDataException("the id is a 32-byte 0x hex proposal id.");
            }

            if (terms.Shielded is { RevealedKey: null })
            {
                throw new InvalidDataException("the proposal is shielded and its keyholders have not rebuilt its key yet, so its ballots cannot be opened.");
            }

            _ = terms.TallySettings(totalWeight);
            _ = new VoteTypedData(terms.ChainId, terms.Finalizer);
            _ = CredentialWeights.Expected(terms);
            if (terms.Quorum.Kind == "basis-points" && totalWeight is null)
            {
                throw new InvalidDataException("the quorum is in basis points of the total weight, which the export does not carry: give it with --total-weight N.");
            }

            var published = new PublishedProposal(terms, OptionalString(root, "resultHash"), OptionalString(root, "votesRoot"));
            if (OptionalString(root, "id") is { } stated && !string.Equals(stated, terms.Id, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException($"the id {stated} is not the terms' id {terms.Id}.");
            }

            return published;
        }
        catch (Exception exception) when (exception is JsonException or InvalidDataException or ArgumentException or FormatException or ValidationException or InvalidOperationException)
        {
            problem = $"{path}: the proposal does not read: {CommandRun.FirstLine(exception.Message)}";
            return null;
        }
    }

    private static string? OptionalString(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new InvalidDataException($"{name} is a string or null.");

    private static bool IsPositiveInteger(string text) =>
        text.Length is > 0 and <= 78 && text.All(char.IsAsciiDigit) && text[0] != '0';

    private sealed record PublishedProposal(ProposalDefinition Terms, string? ResultHash, string? VotesRoot);
}
