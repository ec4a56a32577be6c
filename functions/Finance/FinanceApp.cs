using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MLGov.Finance.Payouts;
using MLGov.Core.Events.Risk;
using MLGov.Platform.Hosting;
using MLGov.Platform.Messaging;

namespace MLGov.Finance;

/// <summary>Everything the finance app registers; Program.cs (Azure) and the local host both call it.</summary>
public static class FinanceApp
{
    public const string Name = "finance";

    public static IServiceCollection AddFinanceApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMLGovPlatform(configuration, Name);
        services.AddApiDescription(Name, typeof(FinanceApp).Assembly);
        services.AddSingleton<PayoutIntents>();
        services.AddEventHandler<SlaBreachedV1, PayoutOnSlaBreach>(PayoutOnSlaBreach.Subscription);
        return services;
    }
}
