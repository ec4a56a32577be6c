using System.Text;
using MLGov.Core.Errors;
using NSec.Cryptography;

namespace MLGov.Voting.Domain.Shielded;

/// <summary>
/// Encrypts a ballot (the choice's canonical text) to a proposal's X25519 public key, ECIES style with NSec (libsodium):
/// a fresh ephemeral X25519 key per ballot; the shared secret X25519(ephemeral, proposal key) goes through
/// HKDF-SHA256 with salt = ephemeral public key ‖ proposal public key and info = <c>"MLGov shielded ballot v1"</c> to a
/// ChaCha20-Poly1305 key used for this one ballot (so the nonce is all zeros), and the proposal id is the associated
/// data: a ballot moved to another proposal does not decrypt.
/// </summary>
public static class BallotEncryption
{
    private static readonly byte[] Info = Encoding.ASCII.GetBytes("MLGov shielded ballot v1");
    private static readonly AeadAlgorithm Aead = AeadAlgorithm.ChaCha20Poly1305;

    public static EncryptedBallot Encrypt(ReadOnlySpan<byte> proposalPublicKey, ReadOnlySpan<byte> proposalId, string choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        return Seal(proposalPublicKey, proposalId, Encoding.UTF8.GetBytes(choice), Info);
    }

    /// <summary>The ballot's choice text; refuses (<see cref="ValidationException"/>) a ballot that does not decrypt under this key and proposal.</summary>
    public static string Decrypt(ReadOnlySpan<byte> proposalPrivateKey, ReadOnlySpan<byte> proposalId, EncryptedBallot ballot) =>
        Encoding.UTF8.GetString(Open(proposalPrivateKey, proposalId, ballot, Info));

    /// <summary>Whether <paramref name="publicKey"/> is an X25519 public key anything can be encrypted to (32 bytes, not a low-order point).</summary>
    public static bool IsUsableKey(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != 32 || !PublicKey.TryImport(KeyAgreementAlgorithm.X25519, publicKey, KeyBlobFormat.RawPublicKey, out var recipient) || recipient is null)
        {
            return false;
        }

        using var probe = Key.Create(KeyAgreementAlgorithm.X25519);
        using var shared = KeyAgreementAlgorithm.X25519.Agree(probe, recipient);
        return shared is not null;
    }

    /// <summary>Encrypts <paramref name="plaintext"/> to an X25519 key as ballots are, under another purpose (<paramref name="info"/>), with <paramref name="associatedData"/> bound.</summary>
    internal static EncryptedBallot Seal(ReadOnlySpan<byte> recipientPublicKey, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> plaintext, byte[] info)
    {
        var recipient = PublicKey.Import(KeyAgreementAlgorithm.X25519, recipientPublicKey, KeyBlobFormat.RawPublicKey);
        using var ephemeral = Key.Create(KeyAgreementAlgorithm.X25519);
        var ephemeralPublic = ephemeral.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        using var key = DeriveKey(ephemeral, recipient, ephemeralPublic, recipientPublicKey, info)
            ?? throw new InvalidOperationException("The recipient key is a low-order point.");
        var ciphertext = Aead.Encrypt(key, new byte[Aead.NonceSize], associatedData, plaintext);
        return new EncryptedBallot(ephemeralPublic, ciphertext);
    }

    /// <summary>Decrypts what <see cref="Seal"/> encrypted; refuses anything that does not decrypt under this key, purpose and associated data.</summary>
    internal static byte[] Open(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> associatedData, EncryptedBallot ballot, byte[] info)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        using var proposalKey = Key.Import(KeyAgreementAlgorithm.X25519, privateKey, KeyBlobFormat.RawPrivateKey);
        if (ballot.EphemeralPublicKey.Length != 32
            || !PublicKey.TryImport(KeyAgreementAlgorithm.X25519, ballot.EphemeralPublicKey.Span, KeyBlobFormat.RawPublicKey, out var sender) || sender is null)
        {
            throw ValidationException.For("ballot", "The ballot's ephemeral key is not an X25519 public key.");
        }

        using var key = DeriveKey(proposalKey, sender, ballot.EphemeralPublicKey.Span, proposalKey.PublicKey.Export(KeyBlobFormat.RawPublicKey), info);
        var plaintext = key is null || ballot.Ciphertext.Length < Aead.TagSize ? null : Aead.Decrypt(key, new byte[Aead.NonceSize], associatedData, ballot.Ciphertext.Span);
        if (plaintext is null)
        {
            throw ValidationException.For("ballot", "The ballot does not decrypt with this proposal's key: it was altered, or encrypted for another proposal or key.");
        }

        return plaintext;
    }

    private static Key? DeriveKey(Key own, PublicKey other, ReadOnlySpan<byte> ephemeralPublic, ReadOnlySpan<byte> proposalPublic, byte[] info)
    {
        using var shared = KeyAgreementAlgorithm.X25519.Agree(own, other);
        if (shared is null)
        {
            return null;
        }

        byte[] salt = [.. ephemeralPublic, .. proposalPublic];
        return KeyDerivationAlgorithm.HkdfSha256.DeriveKey(shared, salt, info, Aead);
    }
}
