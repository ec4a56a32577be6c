using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MLGov.Core.Errors;
using MLGov.Trust.Credentials;
using MLGov.Trust.Presentations;

namespace MLGov.Platform.Identity;

/// <summary>
/// Worker middleware that enforces <see cref="RequiresCredentialAttribute"/>: reads <c>Authorization: VP {vp-jwt}</c>,
/// verifies the presentation (signature by the holder's DID, the app's audience, a nonce of the app consumed once,
/// validity) and its credentials (issuer trusted, type, status, each about the holder), and only then lets the function
/// run, with the <see cref="VerifiedCaller"/> on the request. Anything else is a 401 problem naming the failed checks.
/// Functions without the attribute pass through untouched.
/// </summary>
public sealed class CredentialAuthorizationMiddleware : IFunctionsWorkerMiddleware
{
    public const string Scheme = "VP";

    private static readonly ConcurrentDictionary<string, RequiresCredentialAttribute?> Requirements = new(StringComparer.Ordinal);

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var requirement = Requirements.GetOrAdd(context.FunctionDefinition.EntryPoint, RequirementOf);
        if (requirement is not null && context.GetHttpContext() is { } http)
        {
            var verifier = context.InstanceServices.GetService<CallerVerifier>()
                ?? throw new InvalidOperationException($"{context.FunctionDefinition.Name} requires a credential; register AddPresentations for the app.");
            var caller = await verifier.VerifyAsync(http.Request.Headers.Authorization.ToString(), requirement, http.RequestAborted).ConfigureAwait(false);
            http.Items[VerifiedCaller.ItemKey] = caller;
        }

        await next(context).ConfigureAwait(false);
    }

    /// <summary>The attribute on the function's method, found from its entry point (<c>Namespace.Class.Method</c>).</summary>
    private static RequiresCredentialAttribute? RequirementOf(string entryPoint)
    {
        var dot = entryPoint.LastIndexOf('.');
        if (dot <= 0)
        {
            return null;
        }

        var typeName = entryPoint[..dot];
        var methodName = entryPoint[(dot + 1)..];
        var type = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(typeName, throwOnError: false)).FirstOrDefault(t => t is not null);
        return type?.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Where(m => m.Name == methodName)
            .Select(m => m.GetCustomAttribute<RequiresCredentialAttribute>())
            .FirstOrDefault(a => a is not null);
    }
}

/// <summary>Verifies a caller's presentation against a <see cref="RequiresCredentialAttribute"/>; shared by the middleware and tests.</summary>
public sealed class CallerVerifier
{
    private readonly VpJwtVerifier _verifier;
    private readonly string _audience;
    private readonly PresentationOptions _options;
    private readonly IConfiguration _configuration;

    public CallerVerifier(VpJwtVerifier verifier, string audience, PresentationOptions options, IConfiguration configuration)
    {
        _verifier = verifier;
        _audience = audience;
        _options = options;
        _configuration = configuration;
    }

    public async Task<VerifiedCaller> VerifyAsync(string? authorization, RequiresCredentialAttribute requirement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        var issuers = TrustedIssuers(requirement);
        if (issuers.Count == 0)
        {
            throw new InvalidOperationException($"No trusted issuers are configured for {requirement.Type} ({requirement.IssuersSetting ?? PresentationOptions.SectionName + ":TrustedIssuers"}).");
        }

        return await VerifyAsync(authorization, requirement.Type, issuers, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Verifies a caller's presentation for a credential <paramref name="type"/> from one of <paramref name="issuers"/>
    /// (a rule the data names, such as a voting space's, rather than configuration).
    /// </summary>
    public async Task<VerifiedCaller> VerifyAsync(string? authorization, string type, IReadOnlyList<string> issuers, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(issuers);
        var prefix = CredentialAuthorizationMiddleware.Scheme + " ";
        if (string.IsNullOrEmpty(authorization) || !authorization.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            throw new UnauthorizedException($"This function requires a verifiable presentation with a {type}: send Authorization: VP <vp-jwt>.");
        }

        if (issuers.Count == 0)
        {
            throw new ArgumentException("At least one trusted issuer is needed.", nameof(issuers));
        }

        var expectations = new PresentationExpectations(_audience, new CredentialExpectations(Types: [type], TrustedIssuers: [.. issuers]));
        var result = await _verifier.VerifyAsync(authorization[prefix.Length..].Trim(), expectations, cancellationToken).ConfigureAwait(false);
        if (!result.Verified)
        {
            var failed = result.Checks.Where(c => c.Outcome == CheckOutcome.Failed).Select(c => $"{c.Name}: {c.Error} ({c.Detail})");
            throw new UnauthorizedException("The presentation was not accepted: " + string.Join("; ", failed));
        }

        if (result.Credentials.Count == 0)
        {
            throw new UnauthorizedException($"The presentation carries no {type}.");
        }

        return new VerifiedCaller(result.Holder!, [.. result.Credentials.Select(c => c.Credential!)]);
    }

    private List<string> TrustedIssuers(RequiresCredentialAttribute requirement)
    {
        if (requirement.IssuersSetting is not { } key)
        {
            return [.. _options.TrustedIssuers];
        }

        var section = _configuration.GetSection(key);
        var listed = section.GetChildren().Select(c => c.Value).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList();
        return listed.Count > 0
            ? listed
            : [.. (section.Value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }
}
