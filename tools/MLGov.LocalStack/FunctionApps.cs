using MLGov.Finance;
using MLGov.Identity;
using MLGov.LocalHost;
using MLGov.Registry;
using MLGov.Risk;
using MLGov.Voting;

namespace MLGov.LocalStack;

/// <summary>The five apps, each with the same registration its Program.cs calls in Azure.</summary>
public static class FunctionApps
{
    public static IReadOnlyList<FunctionAppDefinition> All { get; } =
    [
        new(IdentityApp.Name, typeof(IdentityApp).Assembly, (services, configuration) => services.AddIdentityApp(configuration)),
        new(RegistryApp.Name, typeof(RegistryApp).Assembly, (services, configuration) => services.AddRegistryApp(configuration)),
        new(VotingApp.Name, typeof(VotingApp).Assembly, (services, configuration) => services.AddVotingApp(configuration)),
        new(FinanceApp.Name, typeof(FinanceApp).Assembly, (services, configuration) => services.AddFinanceApp(configuration)),
        new(RiskApp.Name, typeof(RiskApp).Assembly, (services, configuration) => services.AddRiskApp(configuration)),
    ];
}
