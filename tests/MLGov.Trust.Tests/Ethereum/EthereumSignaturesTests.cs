using System.Numerics;
using MLGov.Core.Encoding;
using MLGov.Core.Errors;
using MLGov.Core.Hashing;
using MLGov.Trust.Ethereum;

namespace MLGov.Trust.Tests.Ethereum;

public sealed class EthereumSignaturesTests
{
    private static readonly byte[] CowKey = Keccak256.Compute("cow"u8);

    /// <summary>secp256k1's group order n (SEC 2, §2.4.1).</summary>
    private static readonly BigInteger Order = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    private static byte[] MailSignature => [.. Hex.Decode(Eip712Vectors.MailR), .. Hex.Decode(Eip712Vectors.MailS), Eip712Vectors.MailV];

    [Fact]
    public void The_private_key_keccak256_cow_is_the_specifications_address()
    {
        Assert.Equal(Eip712Vectors.CowAddress, EthereumSignatures.AddressOf(CowKey));
    }

    [Fact]
    public void The_specifications_Mail_signature_recovers_Cow()
    {
        var digest = TypedDataEncoder.Hash(Eip712Vectors.MailTypedData).Digest;

        Assert.Equal(Eip712Vectors.CowAddress, EthereumSignatures.RecoverAddress(digest, MailSignature));
    }

    [Fact]
    public void Signing_the_Mail_digest_with_Cows_key_gives_the_specifications_signature()
    {
        // RFC 6979 nonces make the signature deterministic, so it must equal the one the EIP's test computed.
        var digest = TypedDataEncoder.Hash(Eip712Vectors.MailTypedData).Digest;

        Assert.Equal(MailSignature, EthereumSignatures.Sign(digest, CowKey));
    }

    [Fact]
    public void The_earlier_example_and_MetaMasks_V4_array_example_recover_Cow()
    {
        var origin = TypedDataEncoder.Hash(Eip712Vectors.MailWithOriginTypedData).Digest;
        byte[] originSignature = [.. Hex.Decode(Eip712Vectors.MailWithOriginR), .. Hex.Decode(Eip712Vectors.MailWithOriginS), 27];
        var arrays = TypedDataEncoder.Hash(Eip712Vectors.ArraysTypedData).Digest;

        Assert.Equal(Eip712Vectors.CowAddress, EthereumSignatures.RecoverAddress(origin, originSignature));
        Assert.Equal(Eip712Vectors.CowAddress, EthereumSignatures.RecoverAddress(arrays, Hex.Decode(Eip712Vectors.ArraysSignature)));
    }

    [Fact]
    public void A_v_of_0_or_1_is_the_same_as_27_or_28()
    {
        var digest = Hex.Decode(Eip712Vectors.MailDigest);
        var signature = MailSignature;
        signature[64] = 1;

        Assert.Equal(Eip712Vectors.CowAddress, EthereumSignatures.RecoverAddress(digest, signature));
    }

    [Fact]
    public void The_high_s_twin_of_a_valid_signature_is_refused()
    {
        // (r, n - s) with the other recovery id verifies the same digest for the same key: the malleability EIP-2 closes.
        var digest = Hex.Decode(Eip712Vectors.MailDigest);
        var s = new BigInteger(Hex.Decode(Eip712Vectors.MailS), isUnsigned: true, isBigEndian: true);
        var highS = (Order - s).ToByteArray(isUnsigned: true, isBigEndian: true);
        byte[] twin = [.. Hex.Decode(Eip712Vectors.MailR), .. highS, 27];

        Assert.Equal(SignatureProblem.HighS, EthereumSignatures.TryRecoverAddress(digest, twin, new byte[20]));
        var error = Assert.Throws<ValidationException>(() => EthereumSignatures.RecoverAddress(digest, twin));
        Assert.Contains("signature", error.Errors.Keys);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(26)]
    [InlineData(29)]
    [InlineData(37)]
    public void A_v_outside_27_28_0_1_is_refused(byte v)
    {
        var signature = MailSignature;
        signature[64] = v;

        Assert.Equal(SignatureProblem.BadRecoveryId, EthereumSignatures.TryRecoverAddress(Hex.Decode(Eip712Vectors.MailDigest), signature, new byte[20]));
    }

    [Theory]
    [InlineData(64)]
    [InlineData(66)]
    [InlineData(0)]
    public void A_signature_that_is_not_65_bytes_is_refused(int length)
    {
        Assert.Equal(SignatureProblem.WrongLength, EthereumSignatures.TryRecoverAddress(Hex.Decode(Eip712Vectors.MailDigest), new byte[length], new byte[20]));
    }

    [Fact]
    public void Zero_r_and_r_at_the_group_order_are_refused()
    {
        var digest = Hex.Decode(Eip712Vectors.MailDigest);
        byte[] zeroR = [.. new byte[32], .. Hex.Decode(Eip712Vectors.MailS), 27];
        byte[] orderR = [.. Order.ToByteArray(isUnsigned: true, isBigEndian: true), .. Hex.Decode(Eip712Vectors.MailS), 27];

        Assert.Equal(SignatureProblem.Invalid, EthereumSignatures.TryRecoverAddress(digest, zeroR, new byte[20]));
        Assert.Equal(SignatureProblem.Invalid, EthereumSignatures.TryRecoverAddress(digest, orderR, new byte[20]));
    }

    [Fact]
    public void A_signature_of_another_digest_recovers_someone_else()
    {
        var other = Hex.Decode(Eip712Vectors.MailDigest);
        other[0] ^= 1;

        Assert.NotEqual(Eip712Vectors.CowAddress, EthereumSignatures.RecoverAddress(other, MailSignature));
    }
}
