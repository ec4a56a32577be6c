using MLGov.Core.Errors;

namespace MLGov.Identity.Domain.Credentials;

/// <summary>What is asked of a credential's status.</summary>
public enum StatusAction
{
    Revoke,
    Suspend,
    Unsuspend,
}

/// <summary>The outcome of a status action: the credential as it is afterwards, and whether anything changed.</summary>
public sealed record StatusDecision(IssuedCredential Credential, bool Changed);

/// <summary>
/// The status rules. Revocation is final: a revoked credential cannot be suspended or reinstated. Asking for the state a
/// credential is already in changes nothing (so a retried request is harmless). A suspended credential can be revoked.
/// </summary>
public static class CredentialStatusChange
{
    public const int MaxReasonLength = 256;

    public static StatusDecision Decide(IssuedCredential credential, StatusAction action, string? reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(credential);
        if (reason is not null && (reason.Length > MaxReasonLength || reason.Any(char.IsControl)))
        {
            throw ValidationException.For("reason", $"reason is at most {MaxReasonLength} characters, without control characters.");
        }

        var target = action switch
        {
            StatusAction.Revoke => CredentialState.Revoked,
            StatusAction.Suspend => CredentialState.Suspended,
            StatusAction.Unsuspend => CredentialState.Active,
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown status action."),
        };

        if (credential.State == target)
        {
            return new StatusDecision(credential, Changed: false);
        }

        if (credential.State == CredentialState.Revoked)
        {
            throw new ConflictException($"Credential '{credential.CredentialId}' is revoked; revocation is final.");
        }

        if (action == StatusAction.Unsuspend && credential.State != CredentialState.Suspended)
        {
            throw new ConflictException($"Credential '{credential.CredentialId}' is not suspended.");
        }

        return new StatusDecision(credential with { State = target, StateChangedAt = now, StateReason = reason }, Changed: true);
    }
}
