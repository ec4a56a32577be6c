using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MLGov.Operations.Contracts;
using MLGov.Platform.Chain;
using MLGov.Platform.Chain.Contracts;
using Nethereum.Signer;

namespace MLGov.Contracts.Chain.Tests.Infrastructure;

/// <summary>A fresh account with its own chain client, and the contract services as that account sees them.</summary>
public sealed class TestAccount : IDisposable
{
    private readonly ChainClient _chain;
    private readonly Func<DeployedContracts> _contracts;

    public TestAccount(string name, Uri rpcUrl, long chainId, Func<DeployedContracts> contracts, string? key = null)
    {
        Name = name;
        Key = key ?? EthECKey.GenerateKey().GetPrivateKey();
        _chain = new ChainClient(
            Options.Create(new ChainOptions { RpcUrl = rpcUrl, ChainId = chainId, OperatorKey = Key, ReceiptPollInterval = TimeSpan.FromMilliseconds(10) }),
            NullLogger<ChainClient>.Instance);
        Address = _chain.OperatorAddress!;
        _contracts = contracts;
    }

    public string Name { get; }

    public string Key { get; }

    public string Address { get; }

    public IChainClient Chain => _chain;

    public SoulboundBadgeService Badge => new(_chain, _contracts().SoulboundBadge);

    public AssetAnchorRegistryService Registry => new(_chain, _contracts().AssetAnchorRegistry);

    public GovernanceFinalizerService Finalizer => new(_chain, _contracts().GovernanceFinalizer);

    public MerkleDistributorService Distributor => new(_chain, _contracts().MerkleDistributor);

    public StakingPoolService Staking => new(_chain, _contracts().StakingPool);

    public InsurancePoolService Insurance => new(_chain, _contracts().InsurancePool);

    public Erc20Service Token => new(_chain, _contracts().Token);

    public TestTokenService TestToken => new(_chain, _contracts().Token);

    public override string ToString() => $"{Name} {Address}";

    public void Dispose() => _chain.Dispose();
}
