using MLGov.Core.Encoding;
using MLGov.Trust.Keys;

namespace MLGov.Operations.Voting;

/// <summary>
/// The secp256k1 private key a signing command is given: <c>--key HEX</c> (convenient for the well-known development
/// keys of anvil; a real key on a command line ends up in the shell history and the process list) or
/// <c>--key-file FILE</c> (the same hex in a file, surrounding whitespace ignored). Exactly one of them.
/// </summary>
internal static class Secp256k1KeyInput
{
    public static byte[]? Read(string? keyHex, string? keyFile, out string? problem)
    {
        problem = null;
        if ((keyHex is null) == (keyFile is null))
        {
            problem = "Give the private key with exactly one of --key HEX and --key-file FILE.";
            return null;
        }

        var source = "--key";
        if (keyFile is not null)
        {
            var text = CommandRun.ReadText(keyFile, "--key-file", out problem);
            if (text is null)
            {
                return null;
            }

            keyHex = text.Trim();
            source = keyFile;
        }

        var digits = keyHex!.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? keyHex[2..] : keyHex;
        if (digits.Length != 64 || !Hex.TryDecode(digits, out var key))
        {
            problem = $"{source}: a secp256k1 private key is 32 bytes written as 64 hex digits (0x optional).";
            return null;
        }

        if (SigningKey.FromBytes(KeyType.Secp256k1, key) is null)
        {
            problem = $"{source}: not a secp256k1 private key (zero, or not below the group order).";
            return null;
        }

        return key;
    }
}
