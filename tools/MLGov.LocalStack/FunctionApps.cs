using MLGov.Finance;
using MLGov.Identity;
using MLGov.LocalHost;
using MLGov.Registry;
using MLGov.Risk;
using MLGov.Voting;

namespace MLGov.LocalStack;

/// <summary>The five apps, each with the same registration its Program.cs calls in Azure and only the settings its Bicep gives it (<see cref="LocalAppSettings"/>).</summary>
public static class FunctionApps
{
    public static IReadOnlyList<FunctionAppDefinition> All { get; } =
    [
        new(IdentityApp.Name, typeof(IdentityApp).Assembly, (builder, configuration) => builder.AddIdentityApp(configuration)) { Settings = c => LocalAppSettings.For(IdentityApp.Name, c) },
        new(RegistryApp.Name, typeof(RegistryApp).Assembly, (builder, configuration) => builder.AddRegistryApp(configuration)) { Settings = c => LocalAppSettings.For(RegistryApp.Name, c) },
        new(VotingApp.Name, typeof(VotingApp).Assembly, (builder, configuration) => builder.AddVotingApp(configuration)) { Settings = c => LocalAppSettings.For(VotingApp.Name, c) },
        new(FinanceApp.Name, typeof(FinanceApp).Assembly, (builder, configuration) => builder.AddFinanceApp(configuration)) { Settings = c => LocalAppSettings.For(FinanceApp.Name, c) },
        new(RiskApp.Name, typeof(RiskApp).Assembly, (builder, configuration) => builder.AddRiskApp(configuration)) { Settings = c => LocalAppSettings.For(RiskApp.Name, c) },
    ];
}
