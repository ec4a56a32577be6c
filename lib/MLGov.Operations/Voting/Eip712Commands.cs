using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using MLGov.Core.Encoding;
using MLGov.Core.Errors;
using MLGov.Trust.Ethereum;

namespace MLGov.Operations.Voting;

/// <summary>
/// <c>mlgov eip712 hash|recover|sign</c>: EIP-712 typed data as <c>eth_signTypedData_v4</c> hashes it
/// (<see cref="TypedDataEncoder"/>), the signer of a 65-byte signature (<see cref="EthereumSignatures"/>) and signing
/// with a secp256k1 key (RFC 6979, low s, v 27 or 28: what a wallet returns).
/// </summary>
internal static class Eip712Commands
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var hashFile = TypedDataArgument();
        var hashJson = new Option<bool>("--json") { Description = "Print the domain separator, message hash and digest as JSON" };
        var hash = new Command("hash", "Print the EIP-712 digest (0x…) of a typed data JSON file, as eth_signTypedData_v4 hashes it") { hashFile, hashJson };
        hash.Action = new GuardedAction(error, parse => Hash(output, error, parse.GetValue(hashFile), parse.GetValue(hashJson)));

        var recoverFile = TypedDataArgument();
        var signature = new Argument<string?>("signature") { Description = "The 65-byte signature r‖s‖v as 0x and 130 hex digits", Arity = ArgumentArity.ZeroOrOne };
        var recover = new Command("recover", "Print the checksummed address that signed the typed data") { recoverFile, signature };
        recover.Action = new GuardedAction(error, parse => Recover(output, error, parse.GetValue(recoverFile), parse.GetValue(signature)));

        var signFile = TypedDataArgument();
        var (key, keyFile) = KeyOptions();
        var sign = new Command("sign", "Sign typed data with a secp256k1 key and print the 65-byte signature r‖s‖v (0x…)") { signFile, key, keyFile };
        sign.Action = new GuardedAction(error, parse => Sign(output, error, parse.GetValue(signFile), parse.GetValue(key), parse.GetValue(keyFile), requireVote: false));

        return new Command("eip712", "Hash, sign and recover EIP-712 typed data (eth_signTypedData_v4)") { hash, recover, sign };
    }

    public static (Option<string?> Key, Option<string?> KeyFile) KeyOptions() =>
    (
        new Option<string?>("--key") { Description = "The secp256k1 private key as hex (development keys; it lands in the shell history)" },
        new Option<string?>("--key-file") { Description = "A file holding the secp256k1 private key as hex" }
    );

    private static Argument<string?> TypedDataArgument() =>
        new("file") { Description = "A typed data JSON file (types, primaryType, domain, message)", Arity = ArgumentArity.ZeroOrOne };

    private static int Hash(TextWriter output, TextWriter error, string? file, bool json)
    {
        var hashes = HashFile(file, error, out var refusal);
        if (hashes is null)
        {
            return refusal;
        }

        if (json)
        {
            var result = new JsonObject
            {
                ["domainSeparator"] = Hex.Encode(hashes.DomainSeparator),
                ["messageHash"] = hashes.MessageHash is null ? null : Hex.Encode(hashes.MessageHash),
                ["digest"] = Hex.Encode(hashes.Digest),
            };
            output.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            output.WriteLine(Hex.Encode(hashes.Digest));
        }

        return CommandRun.Ok;
    }

    private static int Recover(TextWriter output, TextWriter error, string? file, string? signatureText)
    {
        if (string.IsNullOrEmpty(signatureText))
        {
            return CommandRun.Refuse(error, "Missing the signature: mlgov eip712 recover FILE SIGNATURE.");
        }

        if (!signatureText.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || !Hex.TryDecode(signatureText, out var signature))
        {
            return CommandRun.Refuse(error, "The signature must be 0x followed by hex digits (65 bytes: r, s and v).");
        }

        var hashes = HashFile(file, error, out var refusal);
        if (hashes is null)
        {
            return refusal;
        }

        Span<byte> address = stackalloc byte[EthereumSignatures.AddressLength];
        var problem = EthereumSignatures.TryRecoverAddress(hashes.Digest, signature, address);
        if (problem != SignatureProblem.None)
        {
            return CommandRun.Refuse(error, "Refused signature: " + EthereumSignatures.Describe(problem));
        }

        output.WriteLine(Core.Identifiers.EvmAddress.ToChecksum(Hex.Encode(address)));
        return CommandRun.Ok;
    }

    /// <summary>Signs the typed data in <paramref name="file"/>; with <paramref name="requireVote"/>, only an MLGov vote whose voter is the key's address.</summary>
    public static int Sign(TextWriter output, TextWriter error, string? file, string? keyHex, string? keyFile, bool requireVote)
    {
        var key = Secp256k1KeyInput.Read(keyHex, keyFile, out var keyProblem);
        if (key is null)
        {
            return CommandRun.Refuse(error, keyProblem!);
        }

        using var document = CommandRun.ReadJson(file, "the typed data file", out var problem);
        if (document is null)
        {
            return CommandRun.Refuse(error, problem!);
        }

        TypedDataHashes hashes;
        try
        {
            hashes = TypedDataEncoder.Hash(document.RootElement);
        }
        catch (ValidationException exception)
        {
            return CommandRun.Refuse(error, CommandRun.Describe(file!, exception));
        }

        if (requireVote && VoteTypedDataCheck.Problem(document.RootElement, EthereumSignatures.AddressOf(key)) is { } voteProblem)
        {
            return CommandRun.Refuse(error, $"{file}: {voteProblem}");
        }

        output.WriteLine(Hex.Encode(EthereumSignatures.Sign(hashes.Digest, key)));
        return CommandRun.Ok;
    }

    private static TypedDataHashes? HashFile(string? file, TextWriter error, out int refusal)
    {
        refusal = CommandRun.BadInput;
        using var document = CommandRun.ReadJson(file, "the typed data file", out var problem);
        if (document is null)
        {
            error.WriteLine(problem);
            return null;
        }

        try
        {
            return TypedDataEncoder.Hash(document.RootElement);
        }
        catch (ValidationException exception)
        {
            error.WriteLine(CommandRun.Describe(file!, exception));
            return null;
        }
    }
}
