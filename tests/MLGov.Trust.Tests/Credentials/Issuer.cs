using System.Text.Json.Nodes;
using MLGov.Trust.Credentials;
using MLGov.Trust.Dids;
using MLGov.Trust.Keys;

namespace MLGov.Trust.Tests.Credentials;

/// <summary>A did:key issuer (key, DID, kid) and drafts for tests.</summary>
internal sealed record Issuer(SigningKey Key, string Did, string Kid)
{
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    public static Issuer Generate(KeyType type) => From(SigningKey.Generate(type));

    public static Issuer From(SigningKey key)
    {
        var did = DidKey.From(key.PublicKey);
        return new Issuer(key, did, did + "#" + DidKey.MultibaseValue(key.PublicKey));
    }

    public CredentialDraft Draft(string? subject = "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp", JsonObject? status = null) => new(
        Did,
        subject,
        ["EnterpriseMemberCredential"],
        new JsonObject { ["tenant"] = "contoso", ["roles"] = new JsonArray("Voter", "Auditor") },
        Now.AddDays(-1),
        Now.AddDays(30),
        "urn:uuid:5f2b4c1e-8c1a-4f0e-9a43-2f6f0b9d1c11",
        status);

    public string Issue(CredentialFormat format, CredentialDraft? draft = null) => VcJwtIssuer.Issue(draft ?? Draft(), Key, Kid, format);
}
