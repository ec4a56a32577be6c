using System.Text.Json.Nodes;

namespace MLGov.Voting.Tests.Cli;

/// <summary>
/// mlgov merkle root and proof against published OpenZeppelin <c>StandardMerkleTree.of(values, types)</c> outputs
/// (default options: leaves sorted):
/// <list type="bullet">
/// <item>the README example of <c>@openzeppelin/merkle-tree</c> (root <c>0xd4dee0be…</c>) and its dumped tree;</item>
/// <item>the library's own fixture <c>test/dumps/standard-v1.sorted.1_0_6.json</c> (six strings "a".."f", the whole tree
/// array and each value's tree index), from which every expected proof is read off by OpenZeppelin's layout (sibling
/// of i is i − 1 or i + 1, parent (i − 1) / 2);</item>
/// <item>a tree dumped by the library for three (address, uint256) values, published in another project;</item>
/// <item>leaf hashes keccak256(keccak256(abi.encode(...))) computed by solc 0.8.37's <c>abi.encode</c> in a forge run
/// (the first two also published as eth-abi 5 results), for dynamic and nested types.</item>
/// </list>
/// </summary>
public sealed class MerkleCommandTests : IDisposable
{
    private const string ReadmeValues = """
        [
          ["0x1111111111111111111111111111111111111111", "5000000000000000000"],
          ["0x2222222222222222222222222222222222222222", "2500000000000000000"]
        ]
        """;

    // Dump of the README tree: [root, leaf of value 0 (tree index 1), leaf of value 1 (tree index 2)].
    private static readonly string[] ReadmeTree =
    [
        "0xd4dee0beab2d53f2cc83e567171bd2820e49898130a22622b10ead383e90bd77",
        "0xeb02c421cfa48976e66dfb29120745909ea3a0f843456c263cf8f1253483e283",
        "0xb92c48e9d7abe27fd8dfd6b5dfdbfb1c9a463f80c712b66f3a5180a090cccafc",
    ];

    // OpenZeppelin/merkle-tree test/dumps/standard-v1.sorted.1_0_6.json, leafEncoding ["string"].
    private static readonly string[] StringsTree =
    [
        "0x6deb52b5da8fd108f79fab00341f38d2587896634c646ee52e49f845680a70c8",
        "0x52426e0f1f65ff7e209a13b8c29cffe82e3acaf3dad0a9b9088f3b9a61a929c3",
        "0xfd3cf45654e88d1cc5d663578c82c76f4b5e3826bacaa1216441443504538f51",
        "0x8076923e76cf01a7c048400a2304c9a9c23bbbdac3a98ea3946340fdafbba34f",
        "0x965b92c6cf08303cc4feb7f3e0819c436c2cec17c6f0688a6af139c9a368707c",
        "0xeba909cf4bb90c6922771d7f126ad0fd11dfde93f3937a196274e1ac20fd2f5b",
        "0xc62a8cfa41edc0ef6f6ae27a2985b7d39c7fea770787d7e104696c6e81f64848",
        "0x9cf5a63718145ba968a01c1d557020181c5b252f665cf7386d370eddb176517b",
        "0x9c15a6a0eaeed500fd9eed4cbeab71f797cefcc67bfd46683e4d2e6ff7f06d1c",
        "0x9a4f64e953595df82d1b4f570d34c4f4f0cfaf729a61e9d60e83e579e1aa283e",
        "0x19ba6c6333e0e9a15bf67523e0676e2f23eb8e574092552d5e888c64a4bb3681",
    ];

    private static readonly int[] StringsTreeIndex = [8, 10, 7, 5, 9, 6]; // "a".."f"

    // A dump of StandardMerkleTree.of for three values of one account, leafEncoding ["address","uint256"].
    private static readonly string[] AccountTree =
    [
        "0x0fecce441c7468f17e3fe4a5f211b77a15b27c9ab3d33317df385dfbe5487034",
        "0x636ab2686ee3036244cf3d6b5574e051e4b20a3577b008975dbcca6dde2897d2",
        "0xd90245da324d7908326a3d56a9659741551a4603c397bf4dd373976bd85660e7",
        "0x36fb17c97ec80bb961ff0adff1af4a2a34847ecc40653c162e327117a76e3ec9",
        "0x1867c4ebd455913e429523a5c2d4b3a79f58068b5a25af911956245ed03a659d",
    ];

    private static readonly int[] AccountTreeIndex = [4, 3, 2];

    private readonly VotingCli _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>OpenZeppelin's getProof read off a published tree array: sibling hashes from the leaf up.</summary>
    private static string[] ProofIn(string[] tree, int treeIndex)
    {
        var proof = new List<string>();
        for (var i = treeIndex; i > 0; i = (i - 1) / 2)
        {
            proof.Add(tree[i % 2 == 1 ? i + 1 : i - 1]);
        }

        return [.. proof];
    }

    private static async Task<string[]> ProofAsync(string types, string file, int index)
    {
        var output = await VotingCli.OkAsync("merkle", "proof", "--types", types, file, index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return [.. JsonNode.Parse(output)!.AsArray().Select(h => (string)h!)];
    }

    [Fact]
    public async Task The_README_example_gives_the_published_root_and_proofs()
    {
        var file = _cli.File("readme.json", ReadmeValues);

        Assert.Equal(ReadmeTree[0], await VotingCli.OkAsync("merkle", "root", "--types", "address,uint256", file));
        Assert.Equal([ReadmeTree[2]], await ProofAsync("address,uint256", file, 0));
        Assert.Equal([ReadmeTree[1]], await ProofAsync("address, uint256", file, 1));
    }

    [Fact]
    public async Task The_library_fixture_of_six_strings_gives_its_root_and_every_proof()
    {
        var file = _cli.File("strings.json", """[["a"],["b"],["c"],["d"],["e"],["f"]]""");

        Assert.Equal(StringsTree[0], await VotingCli.OkAsync("merkle", "root", "--types", "string", file));
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(ProofIn(StringsTree, StringsTreeIndex[i]), await ProofAsync("string", file, i));
        }
    }

    [Fact]
    public async Task A_published_three_value_dump_gives_its_root_and_every_proof()
    {
        var file = _cli.File("account.json", """
            [["0x80d628ff4AC2aFf620C3474663F1e559234bbE0c","0"],
             ["0x80d628ff4AC2aFf620C3474663F1e559234bbE0c","1"],
             ["0x80d628ff4AC2aFf620C3474663F1e559234bbE0c",2]]
            """);

        Assert.Equal(AccountTree[0], await VotingCli.OkAsync("merkle", "root", "--types", "address,uint256", file));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(ProofIn(AccountTree, AccountTreeIndex[i]), await ProofAsync("address,uint256", file, i));
        }
    }

    [Fact]
    public async Task Full_proof_output_names_the_value_its_leaf_and_the_root()
    {
        var file = _cli.File("readme.json", ReadmeValues);

        var result = JsonNode.Parse(await VotingCli.OkAsync("merkle", "proof", "--types", "address,uint256", file, "1", "--full"))!;

        Assert.Equal(ReadmeTree[0], (string?)result["root"]);
        Assert.Equal(1, (int)result["index"]!);
        Assert.Equal("0x2222222222222222222222222222222222222222", (string?)result["value"]![0]);
        Assert.Equal("2500000000000000000", (string?)result["value"]![1]);
        Assert.Equal(["address", "uint256"], result["leafEncoding"]!.AsArray().Select(t => (string?)t));
        Assert.Equal(ReadmeTree[2], (string?)result["leaf"]);
        Assert.Equal([ReadmeTree[1]], result["proof"]!.AsArray().Select(h => (string?)h));
    }

    [Theory]
    // eth-abi 5 and solc agree on these two.
    [InlineData("string,bool,int8,bytes4", """["héllo, Merkle", true, -5, "0xdeadbeef"]""", "0xe45ef109956126f64b6e2ceaff29e30a8e102c4cdf7ca9cf5df60d5183a86cc2")]
    [InlineData("bytes,uint16,bytes32", """["0x0102030405", 65535, "0xabababababababababababababababababababababababababababababababab"]""", "0x841a99c32f7d7d33d62eb8e9ad09ee1505d36721b5bf259aa646d07007c41140")]
    // solc: abi.encode(address[] [0x11…, 0x22…], uint256[2] [7, 2^200], string[] ["", "a string that is longer than thirty-two bytes, to pad", "z"]).
    [InlineData("address[],uint256[2],string[]", """[["0x1111111111111111111111111111111111111111","0x2222222222222222222222222222222222222222"],["7","0x100000000000000000000000000000000000000000000000000"],["","a string that is longer than thirty-two bytes, to pad","z"]]""", "0xe3f0794e9543d484280ee69e23614f5dcb9d009ef650dbc8c82c4901dfcf4518")]
    // solc: abi.encode(type(int256).min, type(uint8).max, bytes1(0x7f), type(int64).max, false, bytes("")).
    [InlineData("int256,uint8,bytes1,int64,bool,bytes", """["-57896044618658097711785492504343953926634992332820282019728792003956564819968", 255, "0x7f", "9223372036854775807", false, "0x"]""", "0x3570f7f8df5ceea06b9581a2582d302aee0c8db3810e84b598729ecac0f927c4")]
    // solc: abi.encode(uint8[][] [[1], [2, 3]], "tail").
    [InlineData("uint8[][],string", """[[[1],[2,3]], "tail"]""", "0xe10e514e50a86c075fe4315b5cb8719d1b8285b65879de859d09b7b962cbb65e")]
    public async Task Leaves_of_every_supported_type_equal_solidity_abi_encode(string types, string value, string leaf)
    {
        // A one-value tree's root is its leaf, and its proof is empty.
        var file = _cli.File("one.json", "[" + value + "]");

        Assert.Equal(leaf, await VotingCli.OkAsync("merkle", "root", "--types", types, file));
        Assert.Empty(await ProofAsync(types, file, 0));
    }

    [Theory]
    [InlineData("uint7", "'uint7' is not a supported ABI type")]
    [InlineData("uint264", "'uint264' is not a supported ABI type")]
    [InlineData("bytes33", "'bytes33' is not a supported ABI type")]
    [InlineData("bytes0", "'bytes0' is not a supported ABI type")]
    [InlineData("tuple(uint256)", "tuple types are not supported")]
    [InlineData("address,", "is a non-empty name")]
    [InlineData("uint256[0]", "T[k] with k a positive integer")]
    [InlineData("uint256[01]", "T[k] with k a positive integer")]
    [InlineData("[]", "T[k] with k a positive integer")]
    public async Task Unsupported_types_are_refused(string types, string expected)
    {
        var file = _cli.File("readme.json", ReadmeValues);

        var line = await VotingCli.RefusedAsync(expected, "merkle", "root", "--types", types, file);

        Assert.StartsWith("--types: ", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("address,uint8", """[["0x1111111111111111111111111111111111111111", 256]]""", "/0/1: 256 is outside the range of uint8")]
    [InlineData("uint256", """[["-1"]]""", "/0/0: -1 is outside the range of uint256")]
    [InlineData("int8", """[[-129]]""", "/0/0: -129 is outside the range of int8")]
    [InlineData("uint256", """[[9007199254740992]]""", "/0/0: A uint256 value given as a JSON number must be an integer of at most 2^53 - 1")]
    [InlineData("uint256", """[[1.5]]""", "/0/0: A uint256 value given as a JSON number")]
    [InlineData("uint256", """[["1e18"]]""", "/0/0: A uint256 value must be an integer")]
    [InlineData("uint256", """[[true]]""", "/0/0: A uint256 value must be an integer")]
    [InlineData("address", """[["0x1111111111111111111111111111111111111111"],["0x80d628ff4AC2aFf620C3474663F1e559234bbE0C"]]""", "/1/0: An address value must be an address")]
    [InlineData("address", """[["0x11111111111111111111111111111111111111"]]""", "/0/0: An address value must be an address")]
    [InlineData("bytes4", """[["0xdeadbe"]]""", "/0/0: A bytes4 value must be exactly 4 bytes, not 3")]
    [InlineData("bytes", """[["0x123"]]""", "/0/0: A bytes value must be a 0x hex string")]
    [InlineData("bytes", """[["deadbeef"]]""", "/0/0: A bytes value must be a 0x hex string")]
    [InlineData("bool", """[[1]]""", "/0/0: A bool value must be true or false")]
    [InlineData("string", """[[5]]""", "/0/0: A string value must be a JSON string")]
    [InlineData("uint256[2]", """[[["1","2","3"]]]""", "/0/0: A uint256[2] value must have exactly 2 elements, not 3")]
    [InlineData("uint256[]", """[["1"]]""", "/0/0: A uint256[] value must be a JSON array")]
    [InlineData("address,uint256", """[["0x1111111111111111111111111111111111111111"]]""", "/0: A value has 2 element(s) (address,uint256), not 1")]
    [InlineData("address,uint256", """[{"account":"0x1111111111111111111111111111111111111111","amount":"1"}]""", "/0: A value is a JSON array")]
    public async Task A_value_that_does_not_fit_its_type_is_refused_by_pointer(string types, string values, string expected)
    {
        var file = _cli.File("values.json", values);

        var line = await VotingCli.RefusedAsync(expected, "merkle", "root", "--types", types, file);

        Assert.StartsWith(file + ": /", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", "non-empty JSON array of value arrays")]
    [InlineData("{\"values\":[]}", "non-empty JSON array of value arrays")]
    [InlineData("[[\"0x1111111111111111111111111111111111111111\",\"1\"],]", "is not valid JSON")]
    [InlineData("[[\"0x1111111111111111111111111111111111111111\",\"\\ud800\"]]", "is not valid JSON: a string escapes an unpaired UTF-16 surrogate")]
    public async Task A_values_file_that_is_not_a_non_empty_array_is_refused(string content, string expected)
    {
        var file = _cli.File("values.json", content);

        await VotingCli.RefusedAsync(expected, "merkle", "root", "--types", "address,uint256", file);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("-1")]
    [InlineData("01")]
    [InlineData("one")]
    [InlineData("99999999999")]
    public async Task A_proof_index_outside_the_values_is_refused(string index)
    {
        var file = _cli.File("readme.json", ReadmeValues);

        await VotingCli.RefusedAsync($"The index must be a whole number from 0 to 1 (the file has 2 value(s)), not '{index}'", "merkle", "proof", "--types", "address,uint256", file, index);
    }

    [Fact]
    public async Task Missing_and_extra_arguments_are_refused()
    {
        var file = _cli.File("readme.json", ReadmeValues);

        await VotingCli.RefusedAsync("Missing --types", "merkle", "root", file);
        await VotingCli.RefusedAsync("Missing the values file", "merkle", "root", "--types", "address,uint256");
        await VotingCli.RefusedAsync("No such file", "merkle", "root", "--types", "address,uint256", _cli.PathOf("none.json"));
        await VotingCli.RefusedAsync("Missing the index", "merkle", "proof", "--types", "address,uint256", file);
        await VotingCli.RefusedAsync("Unexpected argument(s): 1", "merkle", "root", "--types", "address,uint256", file, "1");
        await VotingCli.RefusedAsync("Required argument missing for option: '--types'", "merkle", "root", file, "--types");
    }
}
