namespace MLGov.Infra.Tests.Fixtures;

/// <summary>All tests share one compiled template; the Bicep CLI runs are heavy for a 2-core machine, so they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class TemplateTestGroup : ICollectionFixture<TemplateFixture>
{
    public const string Name = "Bicep template";
}
