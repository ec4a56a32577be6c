using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MLGov.Platform.Hosting;

namespace MLGov.Voting;

/// <summary>Everything the voting app registers; Program.cs (Azure) and the local host both call it.</summary>
public static class VotingApp
{
    public const string Name = "voting";

    public static IServiceCollection AddVotingApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMLGovPlatform(configuration, Name);
        services.AddApiDescription(Name, typeof(VotingApp).Assembly);
        return services;
    }
}
