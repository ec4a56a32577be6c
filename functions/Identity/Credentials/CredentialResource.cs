using System.Text.Json.Nodes;
using MLGov.Identity.Domain.Credentials;
using MLGov.Trust.Status;

namespace MLGov.Identity.Credentials;

/// <summary>A credential as the API shows it: what it says, where its status is published, its state, and the signed token.</summary>
public sealed record CredentialResource(
    string CredentialId,
    string Id,
    string Issuer,
    string Subject,
    IReadOnlyList<string> Types,
    string Format,
    JsonObject Claims,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidUntil,
    DateTimeOffset IssuedAt,
    string Status,
    DateTimeOffset? StatusChangedAt,
    string? StatusReason,
    string RevocationList,
    string SuspensionList,
    int StatusListIndex,
    string Credential)
{
    public static CredentialResource From(IssuedCredential credential, Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var lists = CredentialStore.StatusListUrl(baseUrl, credential.StatusList);
        return new CredentialResource(
            credential.CredentialId,
            CredentialStore.CredentialUrl(baseUrl, credential.CredentialId).AbsoluteUri,
            credential.Issuer,
            credential.Subject,
            credential.TypeList(),
            credential.Format,
            JsonNode.Parse(credential.ClaimsJson)!.AsObject(),
            credential.ValidFrom,
            credential.ValidUntil,
            credential.IssuedAt,
            credential.State.ToString().ToLowerInvariant(),
            credential.StateChangedAt,
            credential.StateReason,
            lists(StatusPurposes.Revocation).AbsoluteUri,
            lists(StatusPurposes.Suspension).AbsoluteUri,
            credential.StatusIndex,
            credential.Token);
    }
}

/// <summary>The optional body of a revoke, suspend or unsuspend request.</summary>
public sealed record StatusChangeRequest(string? Reason = null);
