using MLGov.LocalHost.Discovery;
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

    [Fact]
    public void Each_document_lists_exactly_the_http_functions_the_host_discovers_with_their_routes_and_methods()
    {
        foreach (var app in FunctionApps.All)
        {
            var document = ApiDocumentGenerator.Generate(app.Name, app.Assembly);
            var described = document.Paths
                .SelectMany(p => p.Value.Operations!.Select(o => (Path: p.Key, Method: o.Key.Method.ToUpperInvariant(), o.Value.OperationId)))
                .OrderBy(o => o.OperationId, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal)
                .ToList();
            var discovered = FunctionDiscovery.Discover(app)
                .Where(f => f.Http is not null && f.Method.GetCustomAttributes(typeof(ExcludeFromApiDescriptionAttribute), false).Length == 0)
                .SelectMany(f => f.Http!.Methods!.Select(m => (Path: "/api/" + f.Route, Method: m.ToUpperInvariant(), OperationId: (string?)f.Name)))
                .OrderBy(o => o.OperationId, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal)
                .ToList();

            Assert.NotEmpty(discovered);
            Assert.Equal(discovered, described);
        }
    }
}
