using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MLGov.Core.Events.Chain;
using MLGov.Identity.Credentials;
using MLGov.Identity.Issuing;
using MLGov.Identity.Links;
using MLGov.Platform.Chain.Contracts;
using MLGov.Platform.Chain.Signing;
using MLGov.Platform.Trust;
using MLGov.Platform.Chain.Transactions;
using MLGov.Platform.Hosting;
using MLGov.Platform.Identity;
using MLGov.Platform.Messaging;

namespace MLGov.Identity;

/// <summary>
/// Everything the identity app registers, services and worker middleware alike; Program.cs (Azure)
/// and the local host both call it on their worker builder, so what runs locally is what runs in Azure.
/// </summary>
public static class IdentityApp
{
    public const string Name = "identity";

    public static IFunctionsWorkerApplicationBuilder AddIdentityApp(this IFunctionsWorkerApplicationBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseMLGovDefaults();
        var services = builder.Services;
        services.AddMLGovPlatform(configuration, Name);
        services.AddApiDescription(Name, typeof(IdentityApp).Assembly);
        services.AddOutbox(Name);
        services.AddChainIntents<IdentityChainIntentSettledV1>(Name);
        services.AddDidResolution(configuration);
        services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.SectionName);
        AddIssuerKey(services, configuration);
        services.AddSingleton<PublicOrigin>();
        services.AddSingleton<CredentialStore>();
        services.AddSingleton<StatusListPublisher>();
        services.AddPresentations(configuration, Name);
        services.AddEntraLogin(configuration);
        services.AddContractServices();
        services.AddSingleton<LinkService>();
        services.AddSingleton<IChainIntentOutcomeHandler, BadgeOutcomeHandler>();
        return builder;
    }

    /// <summary>The issuer key: a Key Vault key when Identity:Issuer:KeyVaultKeyId is set (signed with the app's managed identity), else Identity:IssuerKey.</summary>
    private static void AddIssuerKey(IServiceCollection services, IConfiguration configuration)
    {
        var vault = configuration.GetSection(KeyVaultJwsSignerOptions.SectionName).Get<KeyVaultJwsSignerOptions>();
        if (vault?.KeyVaultKeyId is not null)
        {
            services.AddSingleton(provider => new KeyVaultJwsSigner(
                vault,
                provider.GetKeyedService<TokenCredential>(ChainSignerServiceCollectionExtensions.CredentialServiceKey) ?? new DefaultAzureCredential(),
                provider.GetRequiredService<ILogger<KeyVaultJwsSigner>>(),
                timeProvider: provider.GetService<TimeProvider>()));
            services.AddSingleton(provider => new CredentialIssuerKey(provider.GetRequiredService<IOptions<IdentityOptions>>(), provider.GetRequiredService<KeyVaultJwsSigner>()));
        }
        else
        {
            services.AddSingleton(provider => new CredentialIssuerKey(provider.GetRequiredService<IOptions<IdentityOptions>>()));
        }
    }
}
