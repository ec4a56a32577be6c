namespace MLGov.LocalHost.Tests.SampleApp;

/// <summary>A scoped service: one instance per invocation scope, so two lookups can tell whether they reached the same scope.</summary>
public sealed class InvocationMarker
{
    public Guid Id { get; } = Guid.NewGuid();
}
