using System.Text.Json.Nodes;

namespace MLGov.Trust.Credentials;

/// <summary>
/// Checks one <c>credentialStatus</c> entry of a credential whose signature has verified. The verifier calls it only then,
/// so a forged token cannot make it fetch anything.
/// </summary>
public interface ICredentialStatusChecker
{
    ValueTask<VerificationCheck> CheckAsync(JsonObject entry, string credentialIssuer, CancellationToken cancellationToken = default);
}
