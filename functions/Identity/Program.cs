using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using MLGov.Identity;
using MLGov.Platform.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMLGovDefaults();
builder.Services.AddIdentityApp(builder.Configuration);
builder.Build().Run();
