using System.CommandLine;
using System.Text.Json.Nodes;
using MLGov.Operations.Identity;
using MLGov.Trust.Dids;

namespace MLGov.Identity.Tests.Cli;

/// <summary>mlgov did, vc and jcs, run through System.CommandLine with captured output; files in a temporary directory.</summary>
public sealed class IdentityCommandTests : IDisposable
{
    private const string SubjectDid = "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"; // did:key spec vector
    private readonly string _directory = Directory.CreateTempSubdirectory("mlgov-idcli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    private static async Task<(int Code, string Output, string Error)> RunAsync(TimeProvider? time, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var root = new RootCommand("test");
        foreach (var command in IdentityCommands.Create(output, error, MethodDidResolver.Local(), time))
        {
            root.Subcommands.Add(command);
        }

        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    private static Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => RunAsync(null, args);

    private async Task<(string Did, string KeyFile)> NewKeyAsync(string type)
    {
        var keyFile = PathOf($"{type}.jwk");
        var (code, output, error) = await RunAsync("did", "new", "--key", type, "--out", keyFile);
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        return (output.Trim(), keyFile);
    }

    private string Claims(string json = """{"memberOf":"Acme"}""")
    {
        var path = PathOf("claims.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Theory]
    [InlineData("ed25519", "z6Mk", "vcdm2-jose")]
    [InlineData("secp256k1", "zQ3s", "vcdm1-jwt")]
    [InlineData("p256", "zDna", "vcdm2-jose")]
    public async Task A_new_key_issues_a_credential_that_verifies_with_every_check_passing(string type, string prefix, string format)
    {
        var (did, keyFile) = await NewKeyAsync(type);
        Assert.StartsWith("did:key:" + prefix, did, StringComparison.Ordinal); // the did:key spec's multicodec prefixes
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }

        var jwk = JsonNode.Parse(await File.ReadAllTextAsync(keyFile))!;
        Assert.NotNull(jwk["d"]);

        var (issued, jwt, issueError) = await RunAsync("vc", "issue", "--key", keyFile, "--subject", SubjectDid, "--type", "EnterpriseMemberCredential", "--claims", Claims(), "--format", format);
        Assert.Equal(0, issued);
        Assert.Equal(string.Empty, issueError);

        var (verified, report, _) = await RunAsync("vc", "verify", jwt.Trim());
        Assert.Equal(0, verified);
        var result = JsonNode.Parse(report)!;
        Assert.True((bool)result["verified"]!);
        Assert.Equal(format, (string?)result["format"]);
        Assert.Equal(did, (string?)result["issuer"]);
        Assert.Equal(SubjectDid, (string?)result["subject"]);
        Assert.Contains("EnterpriseMemberCredential", result["types"]!.AsArray().Select(t => (string?)t));
        Assert.DoesNotContain(result["checks"]!.AsArray(), c => (string?)c!["outcome"] == "failed");

        // The same token from a file.
        var tokenFile = PathOf("credential.jwt");
        await File.WriteAllTextAsync(tokenFile, jwt);
        Assert.Equal(0, (await RunAsync("vc", "verify", tokenFile)).Code);
    }

    [Fact]
    public async Task A_tampered_credential_exits_1_naming_the_failing_signature_check()
    {
        var (_, keyFile) = await NewKeyAsync("ed25519");
        var jwt = (await RunAsync("vc", "issue", "--key", keyFile, "--subject", SubjectDid, "--type", "T", "--claims", Claims())).Output.Trim();
        var parts = jwt.Split('.');
        var payload = JsonNode.Parse(Core.Encoding.Base64Url.Decode(parts[1]))!;
        payload["credentialSubject"]!["memberOf"] = "Mallory";
        var tampered = $"{parts[0]}.{Core.Encoding.Base64Url.Encode(System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString()))}.{parts[2]}";

        var (code, report, error) = await RunAsync("vc", "verify", tampered);

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, error);
        var signature = JsonNode.Parse(report)!["checks"]!.AsArray().Single(c => (string?)c!["name"] == "signature")!;
        Assert.Equal("failed", (string?)signature["outcome"]);
        Assert.Equal("badSignature", (string?)signature["error"]);
    }

    [Fact]
    public async Task An_expired_credential_fails_the_validity_check()
    {
        var (_, keyFile) = await NewKeyAsync("p256");
        var past = new FixedTime(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var jwt = (await RunAsync(past, "vc", "issue", "--key", keyFile, "--subject", SubjectDid, "--type", "T", "--claims", Claims(), "--valid-for", "1.00:00:00")).Output.Trim();

        var (code, report, _) = await RunAsync("vc", "verify", jwt);

        Assert.Equal(1, code);
        var validity = JsonNode.Parse(report)!["checks"]!.AsArray().Single(c => (string?)c!["name"] == "validity")!;
        Assert.Equal("failed", (string?)validity["outcome"]);
        Assert.Equal("expired", (string?)validity["error"]);
    }

    [Fact]
    public async Task Did_resolve_prints_the_resolution_result_and_exits_0_only_on_success()
    {
        var (ok, output, _) = await RunAsync("did", "resolve", SubjectDid);
        Assert.Equal(0, ok);
        Assert.Equal(SubjectDid, (string?)JsonNode.Parse(output)!["didDocument"]!["id"]);

        var (invalid, invalidOutput, _) = await RunAsync("did", "resolve", "did:key:zzzz");
        Assert.Equal(1, invalid);
        Assert.Equal("invalidDid", (string?)JsonNode.Parse(invalidOutput)!["didResolutionMetadata"]!["error"]);

        var (unsupported, unsupportedOutput, _) = await RunAsync("did", "resolve", "did:example:123");
        Assert.Equal(1, unsupported);
        Assert.Equal("methodNotSupported", (string?)JsonNode.Parse(unsupportedOutput)!["didResolutionMetadata"]!["error"]);
    }

    [Fact]
    public async Task Jcs_prints_the_rfc_8785_example_in_canonical_form()
    {
        var path = PathOf("example.json");
        await File.WriteAllTextAsync(path, """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """);

        var (code, output, _) = await RunAsync("jcs", path);

        Assert.Equal(0, code);
        Assert.Equal("""{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}""", output.TrimEnd('\n', '\r'));
    }

    [Fact]
    public async Task Malformed_inputs_exit_2_with_a_one_line_message_and_no_stack_trace()
    {
        var (_, keyFile) = await NewKeyAsync("secp256k1");
        var broken = PathOf("broken.json");
        await File.WriteAllTextAsync(broken, """{"a": 1,""");
        var notAKey = PathOf("not-a-key.json");
        await File.WriteAllTextAsync(notAKey, """{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}""");
        var array = PathOf("array.json");
        await File.WriteAllTextAsync(array, "[1,2]");

        var cases = new[]
        {
            new[] { "jcs", broken },
            ["jcs", PathOf("missing.json")],
            ["did", "new", "--key", "rsa", "--out", PathOf("rsa.jwk")],
            ["did", "new", "--key", "ed25519", "--out", keyFile], // exists: never overwritten
            ["vc", "verify", "not-a-jwt"],
            ["vc", "issue", "--key", notAKey, "--subject", SubjectDid, "--type", "T", "--claims", Claims()],
            ["vc", "issue", "--key", broken, "--subject", SubjectDid, "--type", "T", "--claims", Claims()],
            ["vc", "issue", "--key", keyFile, "--subject", "alice", "--type", "T", "--claims", Claims()],
            ["vc", "issue", "--key", keyFile, "--subject", SubjectDid, "--type", "T", "--claims", broken],
            ["vc", "issue", "--key", keyFile, "--subject", SubjectDid, "--type", "T", "--claims", array],
            ["vc", "issue", "--key", keyFile, "--subject", SubjectDid, "--type", "T", "--claims", Claims(), "--format", "ldp"],
        };
        var keyBefore = await File.ReadAllTextAsync(keyFile);
        foreach (var args in cases)
        {
            var (code, output, error) = await RunAsync(args);
            Assert.True(code == 2, $"{string.Join(' ', args)} exited {code}: {error}");
            Assert.Equal(string.Empty, output);
            Assert.Single(error.TrimEnd('\n', '\r').Split('\n'));
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        }

        Assert.Equal(keyBefore, await File.ReadAllTextAsync(keyFile));
        Assert.False(File.Exists(PathOf("rsa.jwk")));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
