using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using MLGov.Core.Encoding;
using MLGov.Core.Json;
using MLGov.Trust.Credentials;
using MLGov.Trust.Dids;
using MLGov.Trust.Jose;
using MLGov.Trust.Keys;

namespace MLGov.Operations.Identity;

/// <summary>
/// mlgov did new|resolve, vc issue|verify and jcs. Exit codes: 0 success, 1 a resolution or verification that failed,
/// 2 bad input (a one-line message on the error writer, never a stack trace).
/// </summary>
public static class IdentityCommands
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The did, vc and jcs commands, writing results to <paramref name="output"/> and refusals to <paramref name="error"/>.</summary>
    public static IReadOnlyList<Command> Create(TextWriter output, TextWriter error, IDidResolver resolver, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(resolver);
        time ??= TimeProvider.System;

        var keyType = new Option<string>("--key") { Description = "ed25519, secp256k1 or p256", Required = true };
        var outFile = new Option<string>("--out") { Description = "Where to write the private JWK (mode 0600)", Required = true };
        var didNew = new Command("new", "Generate a key, write it as a private JWK and print its did:key") { keyType, outFile };
        didNew.SetAction(parse => Guard(error, () => NewDid(output, error, parse.GetValue(keyType)!, parse.GetValue(outFile)!)));

        var didArgument = new Argument<string>("did") { Description = "The DID to resolve" };
        var didResolve = new Command("resolve", "Resolve a DID (did:key, did:pkh, did:web) and print the resolution result") { didArgument };
        didResolve.SetAction((parse, cancellationToken) => GuardAsync(error, () => ResolveAsync(output, resolver, parse.GetValue(didArgument)!, cancellationToken)));

        var keyFile = new Option<string>("--key") { Description = "The issuer's private JWK (from mlgov did new)", Required = true };
        var subject = new Option<string>("--subject") { Description = "The subject's DID", Required = true };
        var type = new Option<string>("--type") { Description = "The credential type (besides VerifiableCredential)", Required = true };
        var claims = new Option<string>("--claims") { Description = "A JSON object file: the subject's claims", Required = true };
        var format = new Option<string>("--format") { Description = "vcdm1-jwt or vcdm2-jose", DefaultValueFactory = _ => CredentialFormats.VcdmV2JoseName };
        var validFor = new Option<TimeSpan?>("--valid-for") { Description = "Validity from now (e.g. 365.00:00:00); none when absent" };
        var vcIssue = new Command("issue", "Issue a VC-JWT signed by the key's did:key and print it") { keyFile, subject, type, claims, format, validFor };
        vcIssue.SetAction(parse => Guard(error, () => Issue(output, error, time, parse.GetValue(keyFile)!, parse.GetValue(subject)!, parse.GetValue(type)!, parse.GetValue(claims)!, parse.GetValue(format)!, parse.GetValue(validFor))));

        var jwtArgument = new Argument<string>("jwt") { Description = "A VC-JWT, or a file holding one" };
        var vcVerify = new Command("verify", "Verify a VC-JWT and print each named check") { jwtArgument };
        vcVerify.SetAction((parse, cancellationToken) => GuardAsync(error, () => VerifyAsync(output, error, resolver, time, parse.GetValue(jwtArgument)!, cancellationToken)));

        var fileArgument = new Argument<string>("file") { Description = "A JSON file" };
        var jcs = new Command("jcs", "Print the RFC 8785 canonical form of a JSON file") { fileArgument };
        jcs.SetAction(parse => Guard(error, () => Canonicalize(output, error, parse.GetValue(fileArgument)!)));

        return
        [
            new Command("did", "Create and resolve DIDs") { didNew, didResolve },
            new Command("vc", "Issue and verify verifiable credentials (VC-JWT)") { vcIssue, vcVerify },
            jcs,
        ];
    }

    private static int NewDid(TextWriter output, TextWriter error, string keyName, string path)
    {
        if (ParseKeyType(keyName) is not { } type)
        {
            return Refuse(error, $"Unknown key type '{keyName}': use ed25519, secp256k1 or p256.");
        }

        if (File.Exists(path))
        {
            return Refuse(error, $"{path} exists; not overwriting a key.");
        }

        var key = SigningKey.Generate(type);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(PrivateJwk.Write(key));
            writer.Write('\n');
        }

        output.WriteLine(DidKey.From(key.PublicKey));
        return Ok;
    }

    private static async Task<int> ResolveAsync(TextWriter output, IDidResolver resolver, string did, CancellationToken cancellationToken)
    {
        var result = await resolver.ResolveAsync(did, cancellationToken);
        output.WriteLine(JsonSerializer.Serialize(result, Indented));
        return result.Succeeded ? Ok : Failed;
    }

    private static int Issue(TextWriter output, TextWriter error, TimeProvider time, string keyPath, string subject, string type, string claimsPath, string formatName, TimeSpan? validFor)
    {
        if (CredentialFormats.Parse(formatName) is not { } format)
        {
            return Refuse(error, $"Unknown format '{formatName}': use {CredentialFormats.VcdmV1JwtName} or {CredentialFormats.VcdmV2JoseName}.");
        }

        if (!Core.Identifiers.Did.IsValid(subject))
        {
            return Refuse(error, $"The subject '{subject}' is not a DID.");
        }

        if (string.IsNullOrWhiteSpace(type) || type.Any(char.IsWhiteSpace))
        {
            return Refuse(error, "The type must be one word, e.g. EnterpriseMemberCredential.");
        }

        if (validFor is { } span && span <= TimeSpan.Zero)
        {
            return Refuse(error, "--valid-for must be positive.");
        }

        var key = ReadPrivateJwk(keyPath, out var problem);
        if (key is null)
        {
            return Refuse(error, problem!);
        }

        if (ReadJson(claimsPath, out problem) is not JsonObject claimObject)
        {
            return Refuse(error, problem ?? $"{claimsPath} is not a JSON object.");
        }

        var issuer = DidKey.From(key.PublicKey);
        var kid = $"{issuer}#{issuer["did:key:".Length..]}";
        var now = time.GetUtcNow();
        var validFrom = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero);
        var types = type == CredentialFormats.VerifiableCredential ? new[] { type } : [CredentialFormats.VerifiableCredential, type];
        var draft = new CredentialDraft(issuer, subject, types, claimObject, validFrom, validFor is { } v ? validFrom + v : null, $"urn:uuid:{Guid.NewGuid()}");
        output.WriteLine(VcJwtIssuer.Issue(draft, key, kid, format));
        return Ok;
    }

    private static async Task<int> VerifyAsync(TextWriter output, TextWriter error, IDidResolver resolver, TimeProvider time, string jwtOrFile, CancellationToken cancellationToken)
    {
        var jwt = jwtOrFile;
        if (File.Exists(jwtOrFile))
        {
            jwt = (await File.ReadAllTextAsync(jwtOrFile, cancellationToken)).Trim();
        }
        else if (jwtOrFile.Count(c => c == '.') != 2)
        {
            return Refuse(error, $"'{Shorten(jwtOrFile)}' is neither a file nor a compact JWT.");
        }

        var verifier = new VcJwtVerifier(resolver, null, null, time);
        var result = await verifier.VerifyAsync(jwt, null, cancellationToken);
        output.WriteLine(JsonSerializer.Serialize(result, Indented));
        return result.Verified ? Ok : Failed;
    }

    private static int Canonicalize(TextWriter output, TextWriter error, string path)
    {
        if (!File.Exists(path))
        {
            return Refuse(error, $"No such file: {path}.");
        }

        try
        {
            output.WriteLine(CanonicalJson.Canonicalize(File.ReadAllText(path)));
            return Ok;
        }
        catch (JsonException exception)
        {
            return Refuse(error, $"{path} is not valid JSON: {FirstLine(exception.Message)}");
        }
        catch (FormatException exception)
        {
            return Refuse(error, $"{path} cannot be canonicalized: {FirstLine(exception.Message)}");
        }
        catch (ArgumentException exception)
        {
            return Refuse(error, $"{path} cannot be canonicalized: {FirstLine(exception.Message)}");
        }
    }

    /// <summary>Reads a private JWK written by <c>did new</c>: the private key must match the public coordinates.</summary>
    public static SigningKey? ReadPrivateJwk(string path, out string? problem)
    {
        if (!File.Exists(path))
        {
            problem = $"No such file: {path}.";
            return null;
        }

        var key = PrivateJwk.TryRead(File.ReadAllText(path), out var reason);
        problem = reason is null ? null : $"{path}: {reason}";
        return key;
    }

    private static JsonNode? ReadJson(string path, out string? problem)
    {
        problem = null;
        if (!File.Exists(path))
        {
            problem = $"No such file: {path}.";
            return null;
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException exception)
        {
            problem = $"{path} is not valid JSON: {FirstLine(exception.Message)}";
            return null;
        }
    }

    private static KeyType? ParseKeyType(string name) => name.ToLowerInvariant() switch
    {
        "ed25519" => KeyType.Ed25519,
        "secp256k1" => KeyType.Secp256k1,
        "p256" or "p-256" => KeyType.P256,
        _ => null,
    };

    private static int Guard(TextWriter error, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (IOException exception)
        {
            return Refuse(error, FirstLine(exception.Message));
        }
        catch (UnauthorizedAccessException exception)
        {
            return Refuse(error, FirstLine(exception.Message));
        }
    }

    private static async Task<int> GuardAsync(TextWriter error, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (IOException exception)
        {
            return Refuse(error, FirstLine(exception.Message));
        }
        catch (UnauthorizedAccessException exception)
        {
            return Refuse(error, FirstLine(exception.Message));
        }
    }

    private static int Refuse(TextWriter error, string message)
    {
        error.WriteLine(message);
        return BadInput;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
