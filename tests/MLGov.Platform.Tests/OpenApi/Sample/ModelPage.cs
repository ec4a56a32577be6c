namespace MLGov.Platform.Tests.OpenApi.Sample;

public sealed record ModelPage(IReadOnlyList<ModelView> Items, string? Next);
