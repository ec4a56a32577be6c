using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using MLGov.Risk;
using MLGov.Platform.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMLGovDefaults();
builder.Services.AddRiskApp(builder.Configuration);
builder.Build().Run();
