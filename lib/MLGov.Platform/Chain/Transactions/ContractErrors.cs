using System.Collections.Frozen;
using System.Globalization;
using System.Numerics;
using System.Reflection;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.ABI.Model;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;

namespace MLGov.Platform.Chain.Transactions;

/// <summary>
/// Names revert data: the custom errors of every contract in MLGov.Contracts (by their 4-byte
/// selector), <c>Error(string)</c> and <c>Panic(uint256)</c>. What a domain compares an outcome with.
/// </summary>
public static class ContractErrors
{
    private static readonly FrozenDictionary<string, ErrorABI> BySelector = Load();

    /// <summary>
    /// The revert as text: <c>Name(arg, ...)</c> for a known custom error (for example
    /// <c>AccessControlUnauthorizedAccount(0x…, 0x…)</c>), <c>Error("reason")</c>, <c>Panic(0x11)</c>,
    /// or the selector for an unknown error; null without data.
    /// </summary>
    public static string? Describe(string? revertData)
    {
        if (string.IsNullOrEmpty(revertData) || revertData.Length < 10)
        {
            return null;
        }

        var exception = new ChainRevertException("revert", revertData);
        if (exception.Reason is not null)
        {
            return $"Error(\"{exception.Reason}\")";
        }

        if (exception.PanicCode is { } code)
        {
            return "Panic(0x" + code.ToString("x2", CultureInfo.InvariantCulture) + ")";
        }

        if (!BySelector.TryGetValue(exception.Selector!, out var error))
        {
            return "unknown error " + exception.Selector;
        }

        try
        {
            var values = new FunctionCallDecoder().DecodeDefaultData(revertData[10..], error.InputParameters);
            return error.Name + "(" + string.Join(", ", values.Select(v => Format(v.Result))) + ")";
        }
        catch (Exception decodeFailure) when (decodeFailure is ArgumentException or FormatException or IndexOutOfRangeException or InvalidOperationException)
        {
            return error.Name;
        }
    }

    /// <summary>The name of the custom error (without arguments), for comparisons: <c>ClaimAlreadyPaid</c>.</summary>
    public static string? NameOf(string? revertData) =>
        revertData is { Length: >= 10 } && BySelector.TryGetValue(revertData[..10].ToLowerInvariant(), out var error) ? error.Name : null;

    private static string Format(object? value) => value switch
    {
        byte[] bytes => bytes.ToHex(true),
        BigInteger number => number.ToString(CultureInfo.InvariantCulture),
        string text when text.StartsWith("0x", StringComparison.Ordinal) => text,
        string text => "\"" + text + "\"",
        null => "null",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static FrozenDictionary<string, ErrorABI> Load()
    {
        var getError = typeof(ABITypedRegistry).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(m => m.Name == nameof(ABITypedRegistry.GetError) && m.IsGenericMethodDefinition && m.GetParameters().Length == 0);
        var errors = new Dictionary<string, ErrorABI>(StringComparer.Ordinal);
        foreach (var type in typeof(MLGov.Contracts.ContractArtifact).Assembly.GetTypes())
        {
            if (type.GetCustomAttribute<ErrorAttribute>() is null || type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null)
            {
                continue;
            }

            var abi = (ErrorABI)getError.MakeGenericMethod(type).Invoke(null, null)!;
            errors.TryAdd("0x" + abi.Sha3Signature.ToLowerInvariant(), abi);
        }

        return errors.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
