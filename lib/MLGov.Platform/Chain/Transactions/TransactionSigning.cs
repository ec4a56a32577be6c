using System.Numerics;
using MLGov.Platform.Chain.Signing;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Model;
using Nethereum.Util;

namespace MLGov.Platform.Chain.Transactions;

/// <summary>Encodes and signs transactions with an <see cref="IChainSigner"/>: the signer sees only the 32-byte signing hash.</summary>
public static class TransactionSigning
{
    /// <summary>A signed transaction: its raw encoding (0x hex, what eth_sendRawTransaction takes) and hash.</summary>
    public sealed record SignedTransaction(string Raw, string Hash);

    public static async Task<SignedTransaction> SignAsync(
        IChainSigner signer, long chainId, long nonce, ChainFees fees, long gasLimit, string to, string dataHex, BigInteger value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(fees);
        var data = dataHex is null or "0x" or "" ? null : dataHex;
        if (fees.IsLegacy)
        {
            var legacy = new LegacyTransactionChainId(to, value, nonce, fees.MaxFeePerGas, gasLimit, data, chainId);
            var signature = await signer.SignDigestAsync(legacy.RawHash, cancellationToken).ConfigureAwait(false);
            var v = new BigInteger(signature.RecoveryId) + (new BigInteger(chainId) * 2) + 35;
            legacy.SetSignature(new Signature(signature.R, signature.S, v.ToByteArray(isUnsigned: true, isBigEndian: true)));
            return Finish(legacy.GetRLPEncoded());
        }

        var transaction = new Transaction1559(chainId, nonce, fees.MaxPriorityFeePerGas, fees.MaxFeePerGas, gasLimit, to, value, data, []);
        var typedSignature = await signer.SignDigestAsync(transaction.RawHash, cancellationToken).ConfigureAwait(false);
        transaction.SetSignature(new Signature(typedSignature.R, typedSignature.S, typedSignature.RecoveryId == 0 ? [] : [typedSignature.RecoveryId]));
        return Finish(transaction.GetRLPEncoded());
    }

    private static SignedTransaction Finish(byte[] encoded) => new(encoded.ToHex(true), "0x" + Sha3Keccack.Current.CalculateHash(encoded).ToHex());
}
