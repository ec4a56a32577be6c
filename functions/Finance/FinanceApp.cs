using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MLGov.Core.Events.Chain;
using MLGov.Core.Events.Risk;
using MLGov.Finance.Payouts;
using MLGov.Platform.Chain.Transactions;
using MLGov.Platform.Hosting;
using MLGov.Platform.Messaging;

namespace MLGov.Finance;

/// <summary>
/// Everything the finance app registers, services and worker middleware alike; Program.cs (Azure)
/// and the local host both call it on their worker builder, so what runs locally is what runs in Azure.
/// </summary>
public static class FinanceApp
{
    public const string Name = "finance";

    public static IFunctionsWorkerApplicationBuilder AddFinanceApp(this IFunctionsWorkerApplicationBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseMLGovDefaults();
        var services = builder.Services;
        services.AddMLGovPlatform(configuration, Name);
        services.AddApiDescription(Name, typeof(FinanceApp).Assembly);
        services.AddOutbox(Name);
        services.AddChainIntents<FinanceChainIntentSettledV1>(Name);
        services.AddSingleton<PayoutIntents>();
        services.AddEventHandler<SlaBreachedV1, PayoutOnSlaBreach>(PayoutOnSlaBreach.Subscription);
        return builder;
    }
}
