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
        var recipient = PublicKey.Import(KeyAgreementAlgorithm.X25519, proposalPublicKey, KeyBlobFormat.RawPublicKey);
        using var ephemeral = Key.Create(KeyAgreementAlgorithm.X25519);
        var ephemeralPublic = ephemeral.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        using var key = DeriveKey(ephemeral, recipient, ephemeralPublic, proposalPublicKey)
            ?? throw new InvalidOperationException("The proposal key is a low-order point.");
        var ciphertext = Aead.Encrypt(key, new byte[Aead.NonceSize], proposalId, Encoding.UTF8.GetBytes(choice));
        return new EncryptedBallot(ephemeralPublic, ciphertext);
    }

    /// <summary>The ballot's choice text; refuses (<see cref="ValidationException"/>) a ballot that does not decrypt under this key and proposal.</summary>
    public static string Decrypt(ReadOnlySpan<byte> proposalPrivateKey, ReadOnlySpan<byte> proposalId, EncryptedBallot ballot)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        using var proposalKey = Key.Import(KeyAgreementAlgorithm.X25519, proposalPrivateKey, KeyBlobFormat.RawPrivateKey);
        if (ballot.EphemeralPublicKey.Length != 32
            || !PublicKey.TryImport(KeyAgreementAlgorithm.X25519, ballot.EphemeralPublicKey.Span, KeyBlobFormat.RawPublicKey, out var sender) || sender is null)
        {
            throw ValidationException.For("ballot", "The ballot's ephemeral key is not an X25519 public key.");
        }

        using var key = DeriveKey(proposalKey, sender, ballot.EphemeralPublicKey.Span, proposalKey.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        var plaintext = key is null || ballot.Ciphertext.Length < Aead.TagSize ? null : Aead.Decrypt(key, new byte[Aead.NonceSize], proposalId, ballot.Ciphertext.Span);
        if (plaintext is null)
        {
            throw ValidationException.For("ballot", "The ballot does not decrypt with this proposal's key: it was altered, or encrypted for another proposal or key.");
        }

        return Encoding.UTF8.GetString(plaintext);
    }

    private static Key? DeriveKey(Key own, PublicKey other, ReadOnlySpan<byte> ephemeralPublic, ReadOnlySpan<byte> proposalPublic)
    {
        using var shared = KeyAgreementAlgorithm.X25519.Agree(own, other);
        if (shared is null)
        {
            return null;
        }

        byte[] salt = [.. ephemeralPublic, .. proposalPublic];
        return KeyDerivationAlgorithm.HkdfSha256.DeriveKey(shared, salt, Info, Aead);
    }
}
