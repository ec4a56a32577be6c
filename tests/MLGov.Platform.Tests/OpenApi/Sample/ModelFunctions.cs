using System.ComponentModel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using MLGov.Platform.OpenApi;

namespace MLGov.Platform.Tests.OpenApi.Sample;

/// <summary>A functions class as an app would write one; only its declarations matter, never its bodies.</summary>
public sealed class ModelFunctions
{
    [Function("RegisterModel")]
    [Description("Registers a model.")]
    [AcceptsJson(typeof(RegisterModelRequest))]
    [RespondsWith(StatusCodes.Status201Created, typeof(ModelView), Description = "Registered.", Headers = ["Location", "ETag"])]
    [RespondsWith(StatusCodes.Status200OK, typeof(ModelView), Description = "An identical registration replayed.")]
    [RespondsWithProblem(StatusCodes.Status409Conflict, Description = "The name is taken by a different model.")]
    public Task<IActionResult> Register(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "sample/models")] HttpRequest request,
        CancellationToken cancellationToken) => throw new NotSupportedException();

    [Function("ListModels")]
    [AcceptsQuery("limit", typeof(int), Description = "Models per page.")]
    [AcceptsQuery("next", typeof(string))]
    [RespondsWith(StatusCodes.Status200OK, typeof(ModelPage))]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sample/models")] HttpRequest request,
        CancellationToken cancellationToken) => throw new NotSupportedException();

    [Function("GetModel")]
    [RespondsWith(StatusCodes.Status200OK, typeof(ModelView), Headers = ["ETag"])]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "sample/models/{modelId}")] HttpRequest request,
        string modelId,
        CancellationToken cancellationToken) => throw new NotSupportedException();

    /// <summary>Declares nothing: the description still lists the problems the platform can answer with.</summary>
    [Function("DeleteModel")]
    public Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Admin, "delete", Route = "sample/models/{modelId}")] HttpRequest request,
        string modelId,
        CancellationToken cancellationToken) => throw new NotSupportedException();

    [Function("ListModelScores")]
    [RespondsWith(StatusCodes.Status200OK, typeof(IReadOnlyList<int>))]
    public Task<IActionResult> Scores(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sample/models/{modelId}/versions/{version:long}/scores")] HttpRequest request,
        string modelId,
        long version,
        CancellationToken cancellationToken) => throw new NotSupportedException();

    [Function("SampleHealth")]
    public IActionResult Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sample/health")] HttpRequest request) => throw new NotSupportedException();

    [Function("SampleReady")]
    public Task<IActionResult> Ready(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "sample/health/ready")] HttpRequest request,
        CancellationToken cancellationToken) => throw new NotSupportedException();

    [Function("SampleOpenApi")]
    [ExcludeFromApiDescription]
    public IActionResult OpenApi(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sample/openapi.json")] HttpRequest request) => throw new NotSupportedException();

    [Function("SampleTick")]
    public Task Tick([TimerTrigger("0 */5 * * * *")] TimerInfo timer) => throw new NotSupportedException();
}
