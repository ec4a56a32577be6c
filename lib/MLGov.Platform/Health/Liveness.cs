namespace MLGov.Platform.Health;

/// <summary>The body of GET /api/{app}/health: the process answers. Says nothing else on purpose, since anyone may call it.</summary>
public sealed record Liveness(string Status);
