using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using MLGov.Platform.OpenApi;
using MLGov.Platform.Tests.OpenApi.Sample;

namespace MLGov.Platform.Tests.OpenApi;

public sealed class ApiDocumentGeneratorTests
{
    private const string Models = "/api/sample/models";
    private const string Model = "/api/sample/models/{modelId}";
    private const string Scores = "/api/sample/models/{modelId}/versions/{version}/scores";

    private static readonly OpenApiDocument Document = ApiDocumentGenerator.Generate("sample", [typeof(ModelFunctions)]);

    [Fact]
    public void Every_http_function_is_a_path_and_method_and_functions_on_one_route_share_its_path_item()
    {
        Assert.Equal(
            ["/api/sample/health", "/api/sample/health/ready", Models, Model, Scores],
            Document.Paths.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([HttpMethod.Get, HttpMethod.Post], Operations(Models).Keys.OrderBy(m => m.Method, StringComparer.Ordinal));
        Assert.Equal([HttpMethod.Delete, HttpMethod.Get], Operations(Model).Keys.OrderBy(m => m.Method, StringComparer.Ordinal));
        Assert.Equal("RegisterModel", Operations(Models)[HttpMethod.Post].OperationId);
        Assert.Equal("ListModels", Operations(Models)[HttpMethod.Get].OperationId);
        Assert.Equal("Registers a model.", Operations(Models)[HttpMethod.Post].Description);
    }

    [Fact]
    public void Declared_query_parameters_are_optional_on_their_operation_only_and_add_no_404()
    {
        var list = Operations(Models)[HttpMethod.Get];
        Assert.Equal(
            [("limit", ParameterLocation.Query, false, JsonSchemaType.Integer, "Models per page."), ("next", ParameterLocation.Query, false, JsonSchemaType.String, null)],
            list.Parameters!.Select(p => (p.Name!, p.In!.Value, p.Required, p.Schema!.Type!.Value, p.Description)));
        Assert.False(list.Responses!.ContainsKey("404"));
        Assert.Null(Operations(Models)[HttpMethod.Post].Parameters);
    }

    [Fact]
    public void Route_parameters_are_required_path_parameters_typed_by_constraint_or_method_parameter()
    {
        var get = Operations(Model)[HttpMethod.Get];
        var modelId = Assert.Single(get.Parameters!);
        Assert.Equal(("modelId", ParameterLocation.Path, true, JsonSchemaType.String), (modelId.Name, modelId.In, modelId.Required, modelId.Schema!.Type));

        var scores = Operations(Scores)[HttpMethod.Get];
        Assert.Equal(["modelId", "version"], scores.Parameters!.Select(p => p.Name));
        Assert.Equal((JsonSchemaType.Integer, "int64"), (scores.Parameters![1].Schema!.Type, scores.Parameters[1].Schema!.Format));
    }

    [Fact]
    public void Keyed_functions_accept_the_key_in_header_or_query_and_anonymous_ones_need_none()
    {
        var schemes = Document.Components!.SecuritySchemes!;
        Assert.Equal((SecuritySchemeType.ApiKey, ParameterLocation.Header, "x-functions-key"), Scheme(schemes[ApiDocumentGenerator.KeyHeaderScheme]));
        Assert.Equal((SecuritySchemeType.ApiKey, ParameterLocation.Query, "code"), Scheme(schemes[ApiDocumentGenerator.KeyQueryScheme]));

        foreach (var keyed in new[] { Operations(Models)[HttpMethod.Post], Operations(Model)[HttpMethod.Get], Operations(Model)[HttpMethod.Delete] })
        {
            Assert.Equal(
                [ApiDocumentGenerator.KeyHeaderScheme, ApiDocumentGenerator.KeyQueryScheme],
                keyed.Security!.Select(requirement => Assert.Single(requirement).Key.Reference.Id));
            Assert.Contains("401", keyed.Responses!.Keys);
        }

        foreach (var anonymous in new[] { Operations(Models)[HttpMethod.Get], Operations(Scores)[HttpMethod.Get] })
        {
            Assert.True(anonymous.Security is null or { Count: 0 });
            Assert.DoesNotContain("401", anonymous.Responses!.Keys);
        }

        Assert.Contains("master", Operations(Model)[HttpMethod.Delete].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_body_is_a_required_request_body_referring_to_its_record_in_the_api_json_contract()
    {
        var register = Operations(Models)[HttpMethod.Post];
        Assert.True(register.RequestBody!.Required);
        Assert.Equal("RegisterModelRequest", ReferenceId(register.RequestBody.Content!["application/json"].Schema));

        var request = Component("RegisterModelRequest");
        Assert.Equal(["name", "risk", "owner", "tags", "note"], request.Properties!.Keys);
        Assert.Equal(["name", "owner", "risk", "tags"], request.Required!.Order(StringComparer.Ordinal));
        Assert.Equal(JsonSchemaType.String | JsonSchemaType.Null, request.Properties["note"].Type);
        Assert.Equal("ModelRisk", ReferenceId(request.Properties["risk"]));
        Assert.Equal("Owner", ReferenceId(request.Properties["owner"]));
        Assert.Equal((JsonSchemaType.Array, JsonSchemaType.String), (request.Properties["tags"].Type, request.Properties["tags"].Items!.Type));
        Assert.False(request.AdditionalPropertiesAllowed);

        var risk = Component("ModelRisk");
        Assert.Equal(JsonSchemaType.String, risk.Type);
        Assert.Equal(["minimal", "limited", "highRisk"], risk.Enum!.Select(v => v.GetValue<string>()));
    }

    [Fact]
    public void Response_records_keep_nullability_nesting_lists_dictionaries_and_number_widths()
    {
        var view = Component("ModelView");
        Assert.Equal("ModelRisk", ReferenceId(view.Properties!["risk"]));
        Assert.Equal(["ModelRisk", null], NullableReference(view.Properties["previousRisk"]));
        Assert.Equal("Owner", ReferenceId(view.Properties["owner"]));
        Assert.Equal(["Owner", null], NullableReference(view.Properties["reviewer"]));
        Assert.Equal((JsonSchemaType.String, "date-time"), (view.Properties["registeredAt"].Type, view.Properties["registeredAt"].Format));
        Assert.Equal((JsonSchemaType.Integer, "int64"), (view.Properties["version"].Type, view.Properties["version"].Format));
        Assert.Equal((JsonSchemaType.Number, "decimal"), (view.Properties["fee"].Type, view.Properties["fee"].Format));
        Assert.Equal((JsonSchemaType.Object, JsonSchemaType.Integer), (view.Properties["scores"].Type, view.Properties["scores"].AdditionalProperties!.Type));
        // Every constructor parameter without a default is required by ApiJson, nullable or not.
        Assert.Contains("note", view.Required!);
        Assert.Equal(JsonSchemaType.String | JsonSchemaType.Null, view.Properties["note"].Type);

        var owner = Component("Owner");
        Assert.Equal("Who answers for a model.", owner.Description);
        Assert.Equal("The owner's DID.", owner.Properties!["did"].Description);
        Assert.Equal(JsonSchemaType.String | JsonSchemaType.Null, owner.Properties["displayName"].Type);

        var page = Component("ModelPage");
        Assert.Equal(JsonSchemaType.Array, page.Properties!["items"].Type);
        Assert.Equal("ModelView", ReferenceId(page.Properties["items"].Items));

        var scores = Operations(Scores)[HttpMethod.Get].Responses!["200"].Content!["application/json"].Schema!;
        Assert.Equal((JsonSchemaType.Array, JsonSchemaType.Integer, "int32"), (scores.Type, scores.Items!.Type, scores.Items.Format));
    }

    [Fact]
    public void Declared_responses_come_with_the_problems_the_platform_answers_with()
    {
        var register = Operations(Models)[HttpMethod.Post];
        Assert.Equal(["200", "201", "400", "401", "409", "413", "415", "500"], register.Responses!.Keys);
        Assert.Equal("ModelView", ReferenceId(register.Responses["201"].Content!["application/json"].Schema));
        Assert.Equal(["Location", "ETag"], register.Responses["201"].Headers!.Keys);
        Assert.Equal("Registered.", register.Responses["201"].Description);
        Assert.Equal("The name is taken by a different model.", register.Responses["409"].Description);
        foreach (var status in new[] { "400", "401", "409", "413", "415", "500" })
        {
            var content = Assert.Single(register.Responses[status].Content!);
            Assert.Equal(("application/problem+json", "ProblemDetails"), (content.Key, ReferenceId(content.Value.Schema)));
        }

        Assert.Equal(["200", "500"], Operations(Models)[HttpMethod.Get].Responses!.Keys);
        Assert.Equal(["200", "401", "404", "500"], Operations(Model)[HttpMethod.Get].Responses!.Keys);

        var problem = Component("ProblemDetails");
        Assert.Equal(["status", "title", "type"], problem.Required!.Order(StringComparer.Ordinal));
        Assert.Equal(["type", "title", "status", "detail", "instance", "errors"], problem.Properties!.Keys);
        var errors = problem.Properties["errors"];
        Assert.Equal((JsonSchemaType.Object, JsonSchemaType.Array, JsonSchemaType.String), (errors.Type, errors.AdditionalProperties!.Type, errors.AdditionalProperties.Items!.Type));
    }

    [Fact]
    public void A_function_that_declares_nothing_still_has_its_problem_responses()
    {
        var delete = Operations(Model)[HttpMethod.Delete];
        Assert.Equal(["401", "404", "500"], delete.Responses!.Keys);
        Assert.Null(delete.RequestBody);
    }

    [Fact]
    public void Liveness_is_described_as_a_bare_status_and_readiness_as_a_health_report_with_200_or_503()
    {
        var live = Operations("/api/sample/health")[HttpMethod.Get];
        Assert.Equal(["200", "500"], live.Responses!.Keys);
        Assert.Equal("Liveness", ReferenceId(live.Responses["200"].Content!["application/json"].Schema));
        Assert.Equal(["status"], Component("Liveness").Properties!.Keys);

        var health = Operations("/api/sample/health/ready")[HttpMethod.Get];
        Assert.Equal(["200", "401", "500", "503"], health.Responses!.Keys);
        Assert.Equal("HealthReport", ReferenceId(health.Responses["200"].Content!["application/json"].Schema));
        Assert.Equal("HealthReport", ReferenceId(health.Responses["503"].Content!["application/json"].Schema));
        var report = Component("HealthReport");
        Assert.Equal("DependencyStatus", ReferenceId(report.Properties!["dependencies"].AdditionalProperties));
        // A computed get-only property is as nullable as its getter, not "null" for want of a setter.
        Assert.Equal(JsonSchemaType.String, Component("DependencyStatus").Properties!["status"].Type);
    }

    [Fact]
    public void Timer_functions_and_excluded_functions_are_left_out()
    {
        var ids = Document.Paths.Values.SelectMany(p => p.Operations!.Values).Select(o => o.OperationId).ToList();
        Assert.DoesNotContain("SampleTick", ids);
        Assert.DoesNotContain("SampleOpenApi", ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void The_json_is_valid_openapi_3_1_that_reads_back_without_diagnostics()
    {
        var json = ApiDocumentGenerator.ToJson(Document);

        // Written next to the test assembly so a client generator can be tried on it (tools/generate-clients.sh).
        File.WriteAllBytes(Path.Combine(AppContext.BaseDirectory, "sample-openapi.json"), json);

        var read = OpenApiDocument.Parse(Encoding.UTF8.GetString(json), "json");
        Assert.Empty(read.Diagnostic!.Errors);
        Assert.Empty(read.Diagnostic.Warnings);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, read.Diagnostic.SpecificationVersion);
        Assert.Equal(Document.Paths.Keys, read.Document!.Paths.Keys);
        Assert.Equal("ModelView", ReferenceId(read.Document.Paths[Model].Operations![HttpMethod.Get].Responses!["200"].Content!["application/json"].Schema));

        var raw = JsonNode.Parse(json)!;
        Assert.StartsWith("3.1.", raw["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        var displayName = raw["components"]!["schemas"]!["Owner"]!["properties"]!["displayName"]!;
        Assert.Equal(["null", "string"], displayName["type"]!.AsArray().Select(t => t!.GetValue<string>()).Order(StringComparer.Ordinal));
        var previousRisk = raw["components"]!["schemas"]!["ModelView"]!["properties"]!["previousRisk"]!["anyOf"]!.AsArray();
        Assert.Equal("#/components/schemas/ModelRisk", previousRisk[0]!["$ref"]!.GetValue<string>());
        Assert.Equal("null", previousRisk[1]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void Two_functions_answering_one_method_on_one_route_are_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ApiDocumentGenerator.Generate("sample", [typeof(ClashingFunctions)]));
        Assert.Contains("GET /api/sample/things", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_served_document_is_generated_once_per_process()
    {
        // The platform assembly declares no functions: an empty but valid document.
        var first = new ApiDescription("empty", typeof(ApiDescription).Assembly);
        var second = new ApiDescription("empty", typeof(ApiDescription).Assembly);

        Assert.True(MemoryMarshal.TryGetArray(first.Json, out var firstBytes));
        Assert.True(MemoryMarshal.TryGetArray(second.Json, out var secondBytes));
        Assert.Same(firstBytes.Array, secondBytes.Array);
        Assert.Empty(OpenApiDocument.Parse(Encoding.UTF8.GetString(first.Json.Span), "json").Diagnostic!.Errors);
    }

    private static Dictionary<HttpMethod, OpenApiOperation> Operations(string path) => Document.Paths[path].Operations!;

    private static IOpenApiSchema Component(string name) => Document.Components!.Schemas![name];

    private static string? ReferenceId(IOpenApiSchema? schema) => Assert.IsType<OpenApiSchemaReference>(schema).Reference.Id;

    private static List<string?> NullableReference(IOpenApiSchema schema) =>
        schema.AnyOf!.Select(s => s is OpenApiSchemaReference reference ? reference.Reference.Id : s.Type == JsonSchemaType.Null ? null : "?").ToList();

    private static (SecuritySchemeType?, ParameterLocation?, string?) Scheme(IOpenApiSecurityScheme scheme) => (scheme.Type, scheme.In, scheme.Name);
}
