namespace MLGov.Infra.Tests.Fixtures;

/// <summary>Theory data: the two parameter files.</summary>
public static class Profiles
{
    public static TheoryData<string> All { get; } = new("dev", "prod");
}
