using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.OpenApi;
using MLGov.LocalStack;
using MLGov.Testing;

namespace MLGov.LocalHost.Tests;

public sealed class OpenApiTests : IClassFixture<DependenciesFixture>
{
    private readonly DependenciesFixture _fixture;

    public OpenApiTests(DependenciesFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Every_app_serves_its_openapi_3_1_document_anonymously()
    {
        await using var host = await LocalFunctionsHost.StartAsync(FunctionApps.All, _fixture.Configuration(), new LocalHostOptions { Port = 0 }, NullLoggerFactory.Instance, CancellationToken.None);
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        foreach (var app in new[] { "identity", "registry", "voting", "finance", "risk" })
        {
            using var response = await client.GetAsync(new Uri($"api/{app}/openapi.json", UriKind.Relative));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{app}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);

            var read = OpenApiDocument.Parse(text, "json");
            Assert.True(read.Diagnostic!.Errors.Count == 0, $"{app}: {string.Join("; ", read.Diagnostic.Errors.Select(e => e.ToString()))}");
            Assert.Empty(read.Diagnostic.Warnings);
            Assert.Equal(OpenApiSpecVersion.OpenApi3_1, read.Diagnostic.SpecificationVersion);

            var document = read.Document!;
            var live = document.Paths[$"/api/{app}/health"].Operations![HttpMethod.Get];
            Assert.Equal(["200", "500"], live.Responses!.Keys);
            var ready = document.Paths[$"/api/{app}/health/ready"].Operations![HttpMethod.Get];
            Assert.Equal(["200", "401", "500", "503"], ready.Responses!.Keys);
            Assert.DoesNotContain($"/api/{app}/openapi.json", document.Paths.Keys);
        }
    }
}
