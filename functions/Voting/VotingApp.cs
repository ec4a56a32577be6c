using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MLGov.Core.Events.Chain;
using MLGov.Platform.Chain.Transactions;
using MLGov.Platform.Hosting;
using MLGov.Platform.Identity;
using MLGov.Platform.Messaging;
using MLGov.Platform.Chain.Contracts;
using MLGov.Voting.Finalizing;
using MLGov.Voting.Proposals;
using MLGov.Voting.Spaces;
using MLGov.Voting.Tallying;
using MLGov.Voting.Votes;
using MLGov.Voting.Weights;

namespace MLGov.Voting;

/// <summary>
/// Everything the voting app registers, services and worker middleware alike; Program.cs (Azure)
/// and the local host both call it on their worker builder, so what runs locally is what runs in Azure.
/// </summary>
public static class VotingApp
{
    public const string Name = "voting";

    public static IFunctionsWorkerApplicationBuilder AddVotingApp(this IFunctionsWorkerApplicationBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseMLGovDefaults();
        var services = builder.Services;
        services.AddMLGovPlatform(configuration, Name);
        services.AddApiDescription(Name, typeof(VotingApp).Assembly);
        services.AddOutbox(Name);
        services.AddChainIntents<VotingChainIntentSettledV1>(Name);
        services.AddPresentations(configuration, Name);
        services.AddOptions<VotingOptions>().BindConfiguration(VotingOptions.SectionName);
        services.AddSingleton<SnapshotWeights>();
        services.AddSingleton<IVoterWeights>(provider => provider.GetRequiredService<SnapshotWeights>());
        services.AddSingleton<SpaceStore>();
        services.AddSingleton<DelegationStore>();
        services.AddSingleton<CountedWeights>();
        services.AddSingleton<ProposalStore>();
        services.AddSingleton<VoteStore>();
        services.AddSingleton<ProposalService>();
        services.AddSingleton<VoteIntake>();
        services.AddSingleton<ProposalCloser>();
        services.AddSingleton<ReceiptService>();
        services.AddSingleton<KeyholderShares>();
        services.AddContractServices();
        services.AddSingleton<DisputeVotes>();
        services.AddSingleton<ChainFollower>();
        services.AddSingleton<IChainIntentOutcomeHandler, ProposalIntentOutcomes>();
        return builder;
    }
}
