using System.Numerics;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.Contracts;

namespace MLGov.Platform.Chain;

/// <summary>
/// A contract call or transaction reverted. Carries the raw revert data and, where it is one of
/// the standard encodings, the decoded Error(string) reason or Panic(uint256) code; custom errors
/// are decoded with <see cref="IsError{TError}"/> and <see cref="DecodeError{TError}"/>.
/// </summary>
public sealed class ChainRevertException : Exception
{
    private const string ErrorStringSelector = "0x08c379a0";
    private const string PanicSelector = "0x4e487b71";

    public ChainRevertException(string message, string? revertData, string? transactionHash = null, Exception? innerException = null)
        : base(message, innerException)
    {
        RevertData = string.IsNullOrEmpty(revertData) ? null : revertData.ToLowerInvariant();
        TransactionHash = transactionHash;
        Selector = RevertData is { Length: >= 10 } ? RevertData[..10] : null;
        if (Selector == ErrorStringSelector)
        {
            Reason = new FunctionCallDecoder().DecodeFunctionErrorMessage(RevertData);
        }
        else if (Selector == PanicSelector && RevertData!.Length >= 74)
        {
            PanicCode = BigInteger.Parse("0" + RevertData[10..74], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The ABI-encoded revert data (0x-prefixed, lower case), or null when the node gave none.</summary>
    public string? RevertData { get; }

    /// <summary>The first four bytes of <see cref="RevertData"/> (0x-prefixed).</summary>
    public string? Selector { get; }

    /// <summary>The reason of a require/revert with a string.</summary>
    public string? Reason { get; }

    /// <summary>The code of a Solidity panic (0x11 overflow, 0x12 division by zero, ...).</summary>
    public BigInteger? PanicCode { get; }

    /// <summary>The hash of the mined transaction that reverted, when it got that far.</summary>
    public string? TransactionHash { get; }

    public bool IsError<TError>()
        where TError : class, new()
    {
        var abi = ABITypedRegistry.GetError<TError>();
        return Selector is not null && string.Equals(Selector, "0x" + abi.Sha3Signature, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Decodes the custom error; throws when the revert is not <typeparamref name="TError"/>.</summary>
    public TError DecodeError<TError>()
        where TError : class, new()
    {
        if (!IsError<TError>())
        {
            throw new InvalidOperationException($"The revert is not {typeof(TError).Name} (selector {Selector ?? "none"}).", this);
        }

        return RevertData!.DecodeExceptionEncodedData<TError>();
    }
}
