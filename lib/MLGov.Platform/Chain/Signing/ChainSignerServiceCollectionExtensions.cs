using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MLGov.Platform.Chain.Signing;

/// <summary>
/// Registers the app's <see cref="IChainSigner"/>: a <see cref="KeyVaultSigner"/> when
/// <c>Chain:Signer:KeyVaultKeyId</c> is set, otherwise a <see cref="LocalKeySigner"/> over <c>Chain:OperatorKey</c>.
/// </summary>
public static class ChainSignerServiceCollectionExtensions
{
    /// <summary>
    /// Key of an optional keyed <see cref="TokenCredential"/> service that replaces the managed identity
    /// (tests point the signer at the local Key Vault stand-in with it).
    /// </summary>
    public const string CredentialServiceKey = "MLGov.Chain.Signer";

    public static IServiceCollection AddChainSigner(this IServiceCollection services)
    {
        // Once is enough (the platform and the chain intents both ask for it); a signer registered
        // by someone else (a test) is left alone.
        if (services.Any(d => d.ServiceType == typeof(IChainSigner)))
        {
            return services;
        }

        services.AddOptions<ChainSignerOptions>()
            .BindConfiguration(ChainSignerOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate<IOptions<ChainOptions>>(
                (signer, chain) => signer.KeyVaultKeyId is null || string.IsNullOrWhiteSpace(chain.Value.OperatorKey),
                "Set Chain:Signer:KeyVaultKeyId (a Key Vault key) or Chain:OperatorKey (a dev key), not both: with a Key Vault key no private key belongs in settings.")
            .ValidateOnStart();
        services.TryAddSingleton(CreateSigner);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ChainSignerStartup>());
        return services;
    }

    private static IChainSigner CreateSigner(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<ChainSignerOptions>>().Value;
        if (options.KeyVaultKeyId is not null)
        {
            var credential = provider.GetKeyedService<TokenCredential>(CredentialServiceKey) ?? CreateCredential(options);
            var time = provider.GetService<TimeProvider>();
            return new KeyVaultSigner(options, credential, provider.GetRequiredService<ILogger<KeyVaultSigner>>(), timeProvider: time);
        }

        var operatorKey = provider.GetRequiredService<IOptions<ChainOptions>>().Value.OperatorKey;
        if (!string.IsNullOrWhiteSpace(operatorKey))
        {
            return new LocalKeySigner(operatorKey);
        }

        throw new InvalidOperationException("This app has no chain account: set Chain:Signer:KeyVaultKeyId (in Azure) or Chain:OperatorKey (locally).");
    }

    private static TokenCredential CreateCredential(ChainSignerOptions options) =>
        string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));
}
