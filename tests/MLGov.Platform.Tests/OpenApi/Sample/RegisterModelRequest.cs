namespace MLGov.Platform.Tests.OpenApi.Sample;

public sealed record RegisterModelRequest(string Name, ModelRisk Risk, Owner Owner, IReadOnlyList<string> Tags, string? Note = null);
