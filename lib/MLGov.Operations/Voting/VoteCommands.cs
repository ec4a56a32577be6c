using System.CommandLine;
using System.Text.Json;
using MLGov.Core.Json;
using MLGov.Trust.Dids;
using MLGov.Trust.Jose;

namespace MLGov.Operations.Voting;

/// <summary>
/// <c>mlgov vote sign</c>: a wallet's signature of the typed data the voting service serves
/// (<c>--typed-data FILE</c> with <c>--key HEX</c> or <c>--key-file FILE</c>), or a DID's compact JWS over a JSON payload
/// (<c>--payload FILE --jwk FILE</c>, the private JWK written by <c>mlgov did new</c>).
/// </summary>
internal static class VoteCommands
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var typedData = new Option<string?>("--typed-data") { Description = "The vote's typed data JSON, as GET /api/voting/proposals/{id}/typed-data serves it" };
        var (key, keyFile) = Eip712Commands.KeyOptions();
        var payload = new Option<string?>("--payload") { Description = "DID mode: a JSON file to sign as a compact JWS (signed in its RFC 8785 canonical form)" };
        var jwk = new Option<string?>("--jwk") { Description = "DID mode: the private JWK (from mlgov did new) whose did:key signs" };
        var sign = new Command("sign", "Sign a vote: EIP-712 typed data with a secp256k1 key (prints r‖s‖v), or a JSON payload with a DID key (prints a compact JWS)")
        {
            typedData, key, keyFile, payload, jwk,
        };
        sign.Action = new GuardedAction(error, parse =>
        {
            var wallet = parse.GetValue(typedData) is not null || parse.GetValue(key) is not null || parse.GetValue(keyFile) is not null;
            var did = parse.GetValue(payload) is not null || parse.GetValue(jwk) is not null;
            if (wallet == did)
            {
                return CommandRun.Refuse(error, "Use either --typed-data FILE with --key HEX or --key-file FILE, or --payload FILE with --jwk FILE.");
            }

            if (wallet)
            {
                return parse.GetValue(typedData) is null
                    ? CommandRun.Refuse(error, "Missing --typed-data FILE.")
                    : Eip712Commands.Sign(output, error, parse.GetValue(typedData), parse.GetValue(key), parse.GetValue(keyFile), requireVote: true);
            }

            return SignJws(output, error, parse.GetValue(payload), parse.GetValue(jwk));
        });

        return new Command("vote", "Sign votes offline") { sign };
    }

    private static int SignJws(TextWriter output, TextWriter error, string? payloadFile, string? jwkFile)
    {
        if (payloadFile is null || jwkFile is null)
        {
            return CommandRun.Refuse(error, "DID mode needs both --payload FILE and --jwk FILE.");
        }

        var signingKey = Identity.IdentityCommands.ReadPrivateJwk(jwkFile, out var keyProblem);
        if (signingKey is null)
        {
            return CommandRun.Refuse(error, keyProblem!);
        }

        using var document = CommandRun.ReadJson(payloadFile, "--payload", out var problem);
        if (document is null)
        {
            return CommandRun.Refuse(error, problem!);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return CommandRun.Refuse(error, $"{payloadFile}: the payload must be a JSON object.");
        }

        byte[] canonical;
        try
        {
            canonical = CanonicalJson.CanonicalizeToUtf8(document.RootElement.GetRawText());
        }
        catch (Exception exception) when (exception is JsonException or FormatException or ArgumentException)
        {
            return CommandRun.Refuse(error, $"{payloadFile} cannot be canonicalized: {CommandRun.FirstLine(exception.Message)}");
        }

        var did = DidKey.From(signingKey.PublicKey);
        output.WriteLine(JwsSigner.Sign(signingKey, canonical, kid: $"{did}#{did["did:key:".Length..]}"));
        return CommandRun.Ok;
    }
}
