using System.Collections.Concurrent;
using Azure.Core;

namespace MLGov.Testing.KeyVault;

/// <summary>
/// Stands in for Entra ID (which cannot run here): hands out opaque tokens and remembers the scope each one
/// was issued for, so <see cref="KeyVaultStandIn"/> accepts only tokens for its own resource. Every scope and
/// tenant asked for is recorded.
/// </summary>
public sealed class StandInCredential : TokenCredential
{
    private readonly ConcurrentDictionary<string, string> _issued = new();
    private readonly ConcurrentQueue<(string Scope, string? Tenant)> _requests = new();

    /// <summary>Every token request: its scope and tenant.</summary>
    public IReadOnlyCollection<(string Scope, string? Tenant)> Requests => _requests;

    /// <summary>When set, token requests fail with this exception (an unavailable or failing identity endpoint).</summary>
    public Exception? Failure { get; set; }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        var scope = string.Join(' ', requestContext.Scopes);
        _requests.Enqueue((scope, requestContext.TenantId));
        if (Failure is { } failure)
        {
            throw failure;
        }

        var token = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        _issued[token] = scope;
        return ValueTask.FromResult(new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1)));
    }

    /// <summary>The scope <paramref name="token"/> was issued for, or null for a token this credential never issued.</summary>
    public string? ScopeOf(string token) => _issued.TryGetValue(token, out var scope) ? scope : null;
}
