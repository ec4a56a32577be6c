using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace MLGov.LocalHost.Invocation;

/// <summary>
/// The hosting environment of one app, as the worker's web host registers it in Azure (MVC's
/// result executors are built with it). Nothing is served from disk: both file providers are empty.
/// </summary>
internal sealed class LocalWebHostEnvironment : IWebHostEnvironment
{
    public LocalWebHostEnvironment(string applicationName)
    {
        ApplicationName = applicationName;
    }

    public string ApplicationName { get; set; }

    public string EnvironmentName { get; set; } = Environments.Development;

    public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();

    public string WebRootPath { get; set; } = AppContext.BaseDirectory;

    public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();
}
