using Microsoft.IdentityModel.Tokens;

namespace MLGov.Platform.Identity;

/// <summary>A correctly signed token from a tenant outside <c>AzureAd:AllowedTenants</c>.</summary>
public sealed class EntraTenantNotAllowedException : SecurityTokenInvalidIssuerException
{
    public EntraTenantNotAllowedException()
        : base("The token's tenant is not allowed.")
    {
    }

    public EntraTenantNotAllowedException(string message)
        : base(message)
    {
    }

    public EntraTenantNotAllowedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
