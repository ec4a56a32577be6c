namespace MLGov.Platform.Tests.OpenApi.Sample;

public enum ModelRisk
{
    Minimal,
    Limited,
    HighRisk,
}
