using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using MLGov.Registry;
using MLGov.Platform.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMLGovDefaults();
builder.Services.AddRegistryApp(builder.Configuration);
builder.Build().Run();
