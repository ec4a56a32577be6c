using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MLGov.Core.Encoding;
using MLGov.Core.Errors;
using MLGov.Core.Merkle;

namespace MLGov.Operations.Voting;

/// <summary>
/// <c>mlgov merkle root|proof --types T1,T2,... FILE [INDEX]</c>: OpenZeppelin's <c>StandardMerkleTree.of(values, types)</c>
/// with its defaults (leaves sorted by hash) over a JSON array of value arrays: the same root and the same proofs, which
/// OpenZeppelin's <c>MerkleProof.verify</c> accepts with leaf <c>keccak256(bytes.concat(keccak256(abi.encode(...))))</c>.
/// </summary>
internal static class MerkleCommands
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var rootTypes = TypesOption();
        var rootFile = FileArgument();
        var root = new Command("root", "Print the root (0x…) of StandardMerkleTree.of(values, types)") { rootTypes, rootFile };
        root.Action = new GuardedAction(error, parse =>
        {
            var tree = Build(error, parse.GetValue(rootTypes), parse.GetValue(rootFile), out var refusal);
            if (tree is null)
            {
                return refusal;
            }

            output.WriteLine(Hex.Encode(tree.Root));
            return CommandRun.Ok;
        });

        var proofTypes = TypesOption();
        var proofFile = FileArgument();
        var index = new Argument<string?>("index") { Description = "The 0-based position of the value in FILE", Arity = ArgumentArity.ZeroOrOne };
        var full = new Option<bool>("--full") { Description = "Print an object with the root, index, value, leaf hash and proof instead of the proof alone" };
        var proof = new Command("proof", "Print the proof of one value as a JSON array of 0x… hashes (tree.getProof(index))") { proofTypes, proofFile, index, full };
        proof.Action = new GuardedAction(error, parse => Prove(output, error, parse.GetValue(proofTypes), parse.GetValue(proofFile), parse.GetValue(index), parse.GetValue(full)));

        return new Command("merkle", "OpenZeppelin StandardMerkleTree roots and proofs of ABI-encoded values") { root, proof };
    }

    private static Option<string?> TypesOption() =>
        new("--types") { Description = "The leaf encoding, comma-separated Solidity types, e.g. address,uint256" };

    private static Argument<string?> FileArgument() =>
        new("file") { Description = "A JSON array of values, each a JSON array with one element per type", Arity = ArgumentArity.ZeroOrOne };

    private static int Prove(TextWriter output, TextWriter error, string? types, string? file, string? indexText, bool full)
    {
        if (indexText is null)
        {
            return CommandRun.Refuse(error, "Missing the index: mlgov merkle proof --types T1,T2 FILE INDEX.");
        }

        var tree = Build(error, types, file, out var refusal);
        if (tree is null)
        {
            return refusal;
        }

        var count = tree.Values.Count;
        if (indexText.Length is 0 or > 9 || !indexText.All(char.IsAsciiDigit) || (indexText.Length > 1 && indexText[0] == '0')
            || int.Parse(indexText, NumberStyles.None, CultureInfo.InvariantCulture) >= count)
        {
            return CommandRun.Refuse(error, $"The index must be a whole number from 0 to {count - 1} (the file has {count} value(s)), not '{indexText}'.");
        }

        var position = int.Parse(indexText, NumberStyles.None, CultureInfo.InvariantCulture);
        var proof = new JsonArray([.. tree.GetProof(position).Select(hash => (JsonNode)Hex.Encode(hash))]);
        JsonNode result = full
            ? new JsonObject
            {
                ["root"] = Hex.Encode(tree.Root),
                ["index"] = position,
                ["value"] = JsonNode.Parse(tree.Values[position].Value.GetRawText()),
                ["leafEncoding"] = new JsonArray([.. tree.LeafEncoding.Select(t => (JsonNode)t)]),
                ["leaf"] = Hex.Encode(tree.LeafHash(position)),
                ["proof"] = proof,
            }
            : proof;
        output.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return CommandRun.Ok;
    }

    private static StandardMerkleTree<(int Index, JsonElement Value)>? Build(TextWriter error, string? typesText, string? file, out int refusal)
    {
        refusal = CommandRun.BadInput;
        if (string.IsNullOrWhiteSpace(typesText))
        {
            error.WriteLine("Missing --types: the leaf encoding, e.g. --types address,uint256.");
            return null;
        }

        var types = new List<AbiType>();
        foreach (var name in typesText.Split(',', StringSplitOptions.TrimEntries))
        {
            if (AbiType.TryParse(name, out var problem) is not { } type)
            {
                error.WriteLine($"--types: {problem}");
                return null;
            }

            types.Add(type);
        }

        // The values are read from the document while the tree is built, then copied out as raw JSON for --full.
        var document = CommandRun.ReadJson(file, "the values file (a JSON array of value arrays)", out var readProblem);
        if (document is null)
        {
            error.WriteLine(readProblem);
            return null;
        }

        using (document)
        {
            var values = document.RootElement;
            if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0)
            {
                error.WriteLine($"{file}: the values are a non-empty JSON array of value arrays, e.g. [[\"0x1111111111111111111111111111111111111111\",\"5000\"]].");
                return null;
            }

            try
            {
                var indexed = values.EnumerateArray().Select((value, i) => (i, value.Clone())).ToList();
                return new StandardMerkleTree<(int Index, JsonElement Value)>(indexed, new JsonValueLeafEncoder(types));
            }
            catch (ValidationException exception)
            {
                error.WriteLine(CommandRun.Describe(file!, exception));
                return null;
            }
        }
    }
}
