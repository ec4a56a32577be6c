using MLGov.LocalStack;
using MLGov.Platform.OpenApi;

namespace MLGov.LocalHost.Tests;

/// <summary>The five apps' documents, built without a host: every app's functions can be described.</summary>
public sealed class ApiDocumentsTests
{
    [Fact]
    public void Every_keyed_function_of_every_app_is_described_with_its_key_and_problem_responses()
    {
        foreach (var app in FunctionApps.All)
        {
            var document = ApiDocumentGenerator.Generate(app.Name, app.Assembly);
            foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations!.Values))
            {
                Assert.Contains("500", operation.Responses!.Keys);
                Assert.Equal(operation.Security is { Count: > 0 }, operation.Responses.ContainsKey("401"));
            }
        }

        var risk = ApiDocumentGenerator.Generate("risk", FunctionApps.All.Single(a => a.Name == "risk").Assembly);
        Assert.Contains(HttpMethod.Post, risk.Paths["/api/risk/incidents"].Operations!.Keys);
        Assert.Equal("GetIncident", risk.Paths["/api/risk/incidents/{incidentId}"].Operations![HttpMethod.Get].OperationId);
    }
}
