using Microsoft.Extensions.Options;
using MLGov.Platform.Trust;
using MLGov.Trust.Dids;
using MLGov.Trust.Jose;
using MLGov.Trust.Keys;

namespace MLGov.Identity.Issuing;

/// <summary>The issuer's signer, its DID (the did:key of its public key) and the <c>kid</c> (a DID URL of that DID).</summary>
public sealed record IssuerIdentity(IJwsKeySigner Signer, string Did, string Kid);

/// <summary>
/// The key credentials are signed with: a Key Vault key when <c>Identity:Issuer:KeyVaultKeyId</c> is set (its public key
/// read once), otherwise the private JWK in <c>Identity:IssuerKey</c>. Resolved on first use, so an app that never
/// issues needs no key; a missing or unreadable key fails the issuing request with a 500 and a log line naming the setting.
/// </summary>
public sealed class CredentialIssuerKey
{
    private readonly IOptions<IdentityOptions> _options;
    private readonly KeyVaultJwsSigner? _vault;
    private Task<IssuerIdentity>? _loading;

    public CredentialIssuerKey(IOptions<IdentityOptions> options, KeyVaultJwsSigner? vault = null)
    {
        _options = options;
        _vault = vault;
    }

    public async ValueTask<IssuerIdentity> GetAsync(CancellationToken cancellationToken)
    {
        var loading = Volatile.Read(ref _loading);
        if (loading is null)
        {
            // One load for all callers; it is not tied to the first caller's cancellation.
            var mine = LoadAsync(CancellationToken.None);
            loading = Interlocked.CompareExchange(ref _loading, mine, null) ?? mine;
        }

        try
        {
            return await loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A failed load (Key Vault unreachable, a bad setting) is tried again by the next request.
            _ = Interlocked.CompareExchange(ref _loading, null, loading);
            throw;
        }
    }

    private async Task<IssuerIdentity> LoadAsync(CancellationToken cancellationToken)
    {
        if (_vault is not null)
        {
            var publicKey = await _vault.InitializeAsync(cancellationToken).ConfigureAwait(false);
            return Identity(_vault, publicKey);
        }

        var jwk = _options.Value.IssuerKey;
        if (string.IsNullOrWhiteSpace(jwk))
        {
            throw new InvalidOperationException("The identity app has no issuer key: set Identity:IssuerKey (a private JWK) or Identity:Issuer:KeyVaultKeyId.");
        }

        var key = PrivateJwk.TryRead(jwk, out var problem)
            ?? throw new InvalidOperationException("Identity:IssuerKey cannot be used: " + problem);
        return Identity(new LocalJwsKeySigner(key), key.PublicKey);
    }

    private static IssuerIdentity Identity(IJwsKeySigner signer, PublicKey key)
    {
        var did = DidKey.From(key);
        return new IssuerIdentity(signer, did, did + "#" + DidKey.MultibaseValue(key));
    }
}
