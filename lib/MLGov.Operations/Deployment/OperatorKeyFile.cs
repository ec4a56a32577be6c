using MLGov.Platform.Chain.Contracts;
using MLGov.Platform.Chain;
using System.Globalization;
using System.Numerics;

namespace MLGov.Operations.Deployment;

/// <summary>
/// Reads an operator's private key from a file: 64 hex digits (a 32-byte secp256k1 key), with or
/// without "0x", surrounding whitespace ignored (what <c>openssl rand -hex 32</c> writes). Errors
/// never echo the file's content.
/// </summary>
public static class OperatorKeyFile
{
    private static readonly BigInteger CurveOrder = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>The key as "0x" + 64 lower-case hex digits; throws <see cref="DeploymentException"/> for a missing, unreadable or malformed file.</summary>
    public static string Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DeploymentException($"Operator key file {path} does not exist.", exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new DeploymentException($"Operator key file {path} cannot be read: {exception.Message}", exception);
        }

        return Parse(text) ?? throw new DeploymentException($"Operator key file {path} does not hold a private key: expected 64 hex digits (optionally 0x-prefixed) of a valid secp256k1 key.");
    }

    /// <summary>The normalised key, or null when <paramref name="text"/> is not a valid secp256k1 private key.</summary>
    public static string? Parse(string? text)
    {
        var digits = (text ?? string.Empty).Trim();
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            digits = digits[2..];
        }

        if (digits.Length != 64 || !digits.All(char.IsAsciiHexDigit))
        {
            return null;
        }

        var scalar = BigInteger.Parse("0" + digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return scalar.IsZero || scalar >= CurveOrder ? null : "0x" + digits.ToLowerInvariant();
    }
}
