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
        new(IdentityApp.Name, typeof(IdentityApp).Assembly, (builder, configuration) => builder.AddIdentityApp(configuration)),
        new(RegistryApp.Name, typeof(RegistryApp).Assembly, (builder, configuration) => builder.AddRegistryApp(configuration)),
        new(VotingApp.Name, typeof(VotingApp).Assembly, (builder, configuration) => builder.AddVotingApp(configuration)),
        new(FinanceApp.Name, typeof(FinanceApp).Assembly, (builder, configuration) => builder.AddFinanceApp(configuration)),
        new(RiskApp.Name, typeof(RiskApp).Assembly, (builder, configuration) => builder.AddRiskApp(configuration)),
    ];
}
