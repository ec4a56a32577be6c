namespace MLGov.LocalHost;

/// <summary>How the local host listens and which keys it accepts.</summary>
public sealed class LocalHostOptions
{
    public const string SectionName = "LocalHost";

    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; } = 7071;

    /// <summary>Same as host.json extensions.http.routePrefix.</summary>
    public string RoutePrefix { get; set; } = "api";

    /// <summary>Whether timer triggers fire on their schedules (tests may switch them off and trigger by hand).</summary>
    public bool EnableTimers { get; set; } = true;

    public FunctionKeys Keys { get; set; } = new();

    /// <summary>The clock timers are scheduled on (tests pass one they control).</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;
}
