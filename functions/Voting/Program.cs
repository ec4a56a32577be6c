using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using MLGov.Voting;
using MLGov.Platform.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMLGovDefaults();
builder.Services.AddVotingApp(builder.Configuration);
builder.Build().Run();
