using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace MLGov.LocalHost.Tests;

public sealed class HttpServingTests : IClassFixture<SampleHostFixture>
{
    private readonly HttpClient _client;

    public HttpServingTests(SampleHostFixture fixture)
    {
        _client = fixture.Client;
    }

    [Fact]
    public async Task A_function_is_served_on_its_route_with_route_parameters_bound_by_name()
    {
        using var response = await _client.GetAsync(new Uri($"api/items/42/parts/wheel?q=x&code={SampleHostFixture.PartKey}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(42, body.RootElement.GetProperty("id").GetInt32());
        Assert.Equal("wheel", body.RootElement.GetProperty("part").GetString());
        Assert.Equal("GetPart", body.RootElement.GetProperty("function").GetString());
        Assert.Equal("x", body.RootElement.GetProperty("query").GetString());
    }

    [Fact]
    public async Task A_function_without_a_route_is_served_under_its_name()
    {
        using var response = await _client.GetAsync(new Uri("api/OpenHello", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"hello\":\"world\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_constraints_and_methods_are_enforced()
    {
        using var notAnInt = await _client.GetAsync(new Uri($"api/items/abc/parts/wheel?code={SampleHostFixture.PartKey}", UriKind.Relative));
        using var wrongMethod = await _client.PostAsync(new Uri($"api/items/1/parts/wheel?code={SampleHostFixture.PartKey}", UriKind.Relative), null);
        using var unknown = await _client.GetAsync(new Uri("api/nowhere", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, notAnInt.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("wrong-key", HttpStatusCode.Unauthorized)]
    [InlineData(SampleHostFixture.ResetKey, HttpStatusCode.Unauthorized)]
    [InlineData(SampleHostFixture.PartKey, HttpStatusCode.OK)]
    [InlineData(SampleHostFixture.HostKey, HttpStatusCode.OK)]
    [InlineData(SampleHostFixture.MasterKey, HttpStatusCode.OK)]
    public async Task A_function_level_function_needs_its_own_key_a_host_key_or_the_master_key(string? key, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/items/1/parts/wheel");
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        using var response = await _client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Unauthorized)
        {
            await AssertProblemAsync(response, 401, "unauthorized");
        }
    }

    [Theory]
    [InlineData(SampleHostFixture.HostKey, HttpStatusCode.Unauthorized)]
    [InlineData(SampleHostFixture.ResetKey, HttpStatusCode.Unauthorized)]
    [InlineData(SampleHostFixture.MasterKey, HttpStatusCode.NoContent)]
    public async Task An_admin_level_function_needs_the_master_key(string key, HttpStatusCode expected)
    {
        using var response = await _client.PostAsync(new Uri($"api/maintenance/reset?code={key}", UriKind.Relative), null);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_valid_body_reaches_the_function()
    {
        using var response = await PostJsonAsync("""{"sku":"m-1","quantity":2,"tags":["gpu"]}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/orders/m-1", response.Headers.Location?.OriginalString);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, body.RootElement.GetProperty("quantity").GetInt32());
    }

    [Theory]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("""{"sku":"m-1","quantity":"2","tags":[]}""")]
    [InlineData("""{"sku":"m-1","quantity":2.5,"tags":[]}""")]
    [InlineData("""{"sku":null,"quantity":2,"tags":[]}""")]
    [InlineData("""{"quantity":2,"tags":[]}""")]
    [InlineData("""{"sku":"m-1","quantity":2,"tags":[],"admin":true}""")]
    [InlineData("""{"sku":"m-1","quantity":2,"tags":"gpu"}""")]
    [InlineData("[1,2,3]")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("""{"sku":"m-1","quantity":0,"tags":[]}""")]
    public async Task Every_malformed_body_gets_a_400_problem(string body)
    {
        using var response = await PostJsonAsync(body);

        await AssertProblemAsync(response, 400, "validation");
    }

    [Fact]
    public async Task An_oversized_body_gets_a_413_problem()
    {
        using var response = await PostJsonAsync("{\"sku\":\"" + new string('x', 4096) + "\",\"quantity\":1,\"tags\":[]}");

        await AssertProblemAsync(response, 413, "payload-too-large");
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_a_415_problem()
    {
        using var content = new StringContent("sku=m-1", Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await _client.PostAsync(new Uri("api/orders", UriKind.Relative), content);

        await AssertProblemAsync(response, 415, "unsupported-media-type");
    }

    [Fact]
    public async Task A_typed_domain_error_becomes_its_problem_details()
    {
        using var response = await _client.GetAsync(new Uri("api/things/widget", UriKind.Relative));

        var problem = await AssertProblemAsync(response, 404, "not-found");
        Assert.Equal("Thing 'widget' does not exist.", problem.GetProperty("detail").GetString());
        Assert.Equal("/api/things/widget", problem.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task An_unexpected_exception_is_a_generic_500_that_leaks_nothing()
    {
        using var response = await _client.GetAsync(new Uri("api/explode", UriKind.Relative));

        await AssertProblemAsync(response, 500, "internal");
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_request_services_are_the_invocations_own_scope()
    {
        using var first = await _client.GetAsync(new Uri("api/services", UriKind.Relative));
        using var second = await _client.GetAsync(new Uri("api/services", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var one = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        using var two = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        // HttpContext.RequestServices is FunctionContext.InstanceServices: one scoped instance per invocation, shared by both.
        Assert.True(one.RootElement.GetProperty("sameProvider").GetBoolean());
        Assert.Equal(one.RootElement.GetProperty("invocation").GetGuid(), one.RootElement.GetProperty("request").GetGuid());
        Assert.NotEqual(one.RootElement.GetProperty("invocation").GetGuid(), two.RootElement.GetProperty("invocation").GetGuid());
    }

    [Fact]
    public async Task The_middleware_the_app_registers_on_its_worker_builder_runs_around_every_function()
    {
        using var served = await _client.GetAsync(new Uri("api/OpenHello", UriKind.Relative));
        using var failed = await _client.GetAsync(new Uri("api/things/widget", UriKind.Relative));

        Assert.Equal("OpenHello", Assert.Single(served.Headers.GetValues(SampleApp.StampingMiddleware.Header)));
        Assert.Equal("MissingThing", Assert.Single(failed.Headers.GetValues(SampleApp.StampingMiddleware.Header)));
    }

    private async Task<HttpResponseMessage> PostJsonAsync(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await _client.PostAsync(new Uri("api/orders", UriKind.Relative), content);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, int status, string kind)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement.Clone();
        Assert.Equal("urn:mlgov:problem:" + kind, root.GetProperty("type").GetString());
        Assert.Equal(status, root.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("title").GetString()));
        return root;
    }
}
