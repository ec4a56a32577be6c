using System.ComponentModel;

namespace MLGov.Platform.Tests.OpenApi.Sample;

[Description("Who answers for a model.")]
public sealed record Owner([property: Description("The owner's DID.")] string Did, string? DisplayName);
