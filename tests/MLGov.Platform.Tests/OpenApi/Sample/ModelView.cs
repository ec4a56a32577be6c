namespace MLGov.Platform.Tests.OpenApi.Sample;

public sealed record ModelView(
    string ModelId,
    string Name,
    ModelRisk Risk,
    ModelRisk? PreviousRisk,
    Owner Owner,
    Owner? Reviewer,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, int> Scores,
    DateTimeOffset RegisteredAt,
    long Version,
    decimal Fee,
    string? Note);
