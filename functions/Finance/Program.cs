using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using MLGov.Finance;
using MLGov.Platform.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMLGovDefaults();
builder.Services.AddFinanceApp(builder.Configuration);
builder.Build().Run();
