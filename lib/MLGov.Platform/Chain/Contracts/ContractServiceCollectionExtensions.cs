using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MLGov.Platform.Chain.Contracts;

/// <summary>Registers the contract services over the app's <see cref="IChainClient"/>, at the addresses in <c>Contracts:*</c>.</summary>
public static class ContractServiceCollectionExtensions
{
    /// <summary>
    /// Adds every contract service as a singleton. A service whose address is not configured fails
    /// when it is first resolved, naming the missing setting, so an app is only bound to the contracts it uses.
    /// </summary>
    public static IServiceCollection AddContractServices(this IServiceCollection services)
    {
        services.AddOptions<ContractAddressOptions>().BindConfiguration(ContractAddressOptions.SectionName);
        services.TryAddSingleton<ISoulboundBadgeService>(p => new SoulboundBadgeService(Chain(p), Address(p, o => o.SoulboundBadge, nameof(ContractAddressOptions.SoulboundBadge))));
        services.TryAddSingleton<IAssetAnchorRegistryService>(p => new AssetAnchorRegistryService(Chain(p), Address(p, o => o.AssetAnchorRegistry, nameof(ContractAddressOptions.AssetAnchorRegistry))));
        services.TryAddSingleton<IGovernanceFinalizerService>(p => new GovernanceFinalizerService(Chain(p), Address(p, o => o.GovernanceFinalizer, nameof(ContractAddressOptions.GovernanceFinalizer))));
        services.TryAddSingleton<IMerkleDistributorService>(p => new MerkleDistributorService(Chain(p), Address(p, o => o.MerkleDistributor, nameof(ContractAddressOptions.MerkleDistributor))));
        services.TryAddSingleton<IStakingPoolService>(p => new StakingPoolService(Chain(p), Address(p, o => o.StakingPool, nameof(ContractAddressOptions.StakingPool))));
        services.TryAddSingleton<IInsurancePoolService>(p => new InsurancePoolService(Chain(p), Address(p, o => o.InsurancePool, nameof(ContractAddressOptions.InsurancePool))));
        services.TryAddSingleton<IErc20Service>(p => new Erc20Service(Chain(p), Address(p, o => o.Token, nameof(ContractAddressOptions.Token))));
        return services;
    }

    private static IChainClient Chain(IServiceProvider provider) => provider.GetRequiredService<IChainClient>();

    private static string Address(IServiceProvider provider, Func<ContractAddressOptions, string?> select, string name) =>
        select(provider.GetRequiredService<IOptions<ContractAddressOptions>>().Value) is { Length: > 0 } address
            ? address
            : throw new InvalidOperationException($"Setting {ContractAddressOptions.SectionName}:{name} (the contract's address) is not configured.");
}
