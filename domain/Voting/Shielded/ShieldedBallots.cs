using System.Text;
using MLGov.Core.Encoding;
using MLGov.Core.Errors;
using MLGov.Voting.Domain.Choices;
using MLGov.Voting.Domain.Proposals;
using MLGov.Voting.Domain.Spaces;

namespace MLGov.Voting.Domain.Shielded;

/// <summary>
/// Shielded proposals end to end:
/// <list type="bullet">
/// <item><see cref="Setup"/>: a fresh proposal key split t-of-n among the space's keyholders; share i is sealed to keyholder i's
/// X25519 key (as ballots are, with purpose <c>"MLGov keyholder share v1"</c> and the proposal id bound); the private key is dropped.</item>
/// <item>A shielded vote signs, as its choice, the ballot text <c>shielded:{base64url(ephemeral key ‖ ciphertext)}</c>
/// (<see cref="Encrypt"/>), so the signature covers the ciphertext and nobody reads the choice before the key is rebuilt.</item>
/// <item>Keyholders open their share (<see cref="OpenShare"/>) and hand it in after the end; t matching shares rebuild the key
/// (<see cref="ThresholdKey.Reconstruct"/>), which is then published so anyone can <see cref="TryOpen"/> every ballot.</item>
/// </list>
/// </summary>
public static class ShieldedBallots
{
    public const string Prefix = "shielded:";
    public const int MaxBallotLength = 2048;
    private static readonly byte[] ShareInfo = Encoding.ASCII.GetBytes("MLGov keyholder share v1");

    public static ShieldedTerms Setup(string proposalId, int threshold, IReadOnlyList<Keyholder> keyholders)
    {
        ArgumentNullException.ThrowIfNull(keyholders);
        var setup = ThresholdKey.Create(threshold, keyholders.Count);
        var id = Hex.Decode(proposalId);
        var sealedShares = setup.Shares.Select(share =>
        {
            var holder = keyholders[share.Index - 1];
            var sealedShare = BallotEncryption.Seal(Base64Url.Decode(holder.EncryptionKey), id, share.Value.Span, ShareInfo);
            return new SealedShare(holder.Did, share.Index, Base64Url.Encode(sealedShare.EphemeralPublicKey.Span), Base64Url.Encode(sealedShare.Ciphertext.Span));
        }).ToList();
        return new ShieldedTerms(Base64Url.Encode(setup.PublicKey.Span), setup.Threshold, [.. setup.Commitments.Select(c => Hex.Encode(c.Span))], sealedShares);
    }

    /// <summary>A keyholder's share, opened with the keyholder's X25519 private key.</summary>
    public static KeyShare OpenShare(ReadOnlySpan<byte> keyholderPrivateKey, string proposalId, SealedShare share)
    {
        ArgumentNullException.ThrowIfNull(share);
        var value = BallotEncryption.Open(keyholderPrivateKey, Hex.Decode(proposalId), new EncryptedBallot(Base64Url.Decode(share.EphemeralKey), Base64Url.Decode(share.Ciphertext)), ShareInfo);
        return new KeyShare(share.Index, value);
    }

    /// <summary>The ballot text of <paramref name="choice"/> for a shielded proposal (what the voter signs as its choice).</summary>
    public static string Encrypt(ShieldedTerms shielded, string proposalId, string choice)
    {
        ArgumentNullException.ThrowIfNull(shielded);
        var ballot = BallotEncryption.Encrypt(Base64Url.Decode(shielded.PublicKey), Hex.Decode(proposalId), choice);
        return Prefix + Base64Url.Encode([.. ballot.EphemeralPublicKey.Span, .. ballot.Ciphertext.Span]);
    }

    /// <summary>Whether <paramref name="text"/> is a well-formed ballot text (not whether it decrypts: nobody can tell before the end).</summary>
    public static bool IsBallot(string? text) =>
        text is not null && text.Length <= MaxBallotLength && text.StartsWith(Prefix, StringComparison.Ordinal)
        && Base64Url.TryDecode(text[Prefix.Length..], out var bytes) && bytes.Length >= 32 + 16 + 1;

    /// <summary>The choice inside a ballot, or null when it does not decrypt with the rebuilt key or is not a valid choice for the proposal.</summary>
    public static string? TryOpen(ProposalDefinition terms, ReadOnlySpan<byte> privateKey, string ballot)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (!IsBallot(ballot))
        {
            return null;
        }

        var bytes = Base64Url.Decode(ballot[Prefix.Length..]);
        try
        {
            var choice = BallotEncryption.Decrypt(privateKey, Hex.Decode(terms.Id), new EncryptedBallot(bytes.AsMemory(0, 32), bytes.AsMemory(32)));
            return ChoiceParser.TryParse(terms.ParsedType(), terms.Choices.Count, choice, out _, out _) ? choice : null;
        }
        catch (ValidationException)
        {
            return null;
        }
    }

    /// <summary>Rebuilds a shielded proposal's key from handed-in shares (refused, naming them, when they do not match its commitments).</summary>
    public static byte[] RebuildKey(ShieldedTerms shielded, IReadOnlyList<KeyShare> shares)
    {
        ArgumentNullException.ThrowIfNull(shielded);
        return ThresholdKey.Reconstruct(Base64Url.Decode(shielded.PublicKey), shielded.Threshold, [.. shielded.Commitments.Select(c => (ReadOnlyMemory<byte>)Hex.Decode(c))], shares);
    }

    /// <summary>Whether a handed-in share matches the key's commitments.</summary>
    public static bool Matches(ShieldedTerms shielded, KeyShare share)
    {
        ArgumentNullException.ThrowIfNull(shielded);
        return ThresholdKey.Verify([.. shielded.Commitments.Select(c => (ReadOnlyMemory<byte>)Hex.Decode(c))], share);
    }
}
