using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using MLGov.Core.Errors;
using MLGov.Platform.Http;

namespace MLGov.LocalHost.Tests.SampleApp;

/// <summary>HTTP functions of every authorization level and binding kind, served by the local host under test.</summary>
public sealed class SampleFunctions
{
    private readonly JsonRequestReader _reader;

    public SampleFunctions(JsonRequestReader reader)
    {
        _reader = reader;
    }

    public sealed record Order(string Sku, int Quantity, IReadOnlyList<string> Tags);

    [Function("GetPart")]
    public static IActionResult GetPart(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "items/{id:int}/parts/{part}")] HttpRequest request,
        int id,
        string part,
        FunctionContext context) =>
        new JsonBodyResult(new { id, part, function = context.FunctionDefinition.Name, query = request.Query["q"].ToString() });

    [Function("OpenHello")]
    public static IActionResult OpenHello([HttpTrigger(AuthorizationLevel.Anonymous, "get")] HttpRequest request) =>
        new OkObjectResult(new { hello = "world" });

    [Function("AdminReset")]
    public static IActionResult AdminReset([HttpTrigger(AuthorizationLevel.Admin, "post", Route = "maintenance/reset")] HttpRequest request) =>
        new NoContentResult();

    [Function("PlaceOrder")]
    public async Task<IActionResult> PlaceOrder(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orders")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var order = await _reader.ReadAsync<Order>(request, cancellationToken);
        if (order.Quantity <= 0)
        {
            throw ValidationException.For("quantity", "Quantity must be positive.");
        }

        return new JsonBodyResult(order, StatusCodes.Status201Created, $"/api/orders/{order.Sku}");
    }

    [Function("Explode")]
    public static IActionResult Explode([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "explode")] HttpRequest request) =>
        throw new InvalidOperationException("connection string Password=hunter2 leaked");

    [Function("MissingThing")]
    public static IActionResult MissingThing([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "things/{name}")] HttpRequest request, string name) =>
        throw new NotFoundException($"Thing '{name}' does not exist.");

    [Function("WhichServices")]
    public static IActionResult WhichServices([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "services")] HttpRequest request, FunctionContext context) =>
        new JsonBodyResult(new
        {
            request = request.HttpContext.RequestServices.GetRequiredService<InvocationMarker>().Id,
            invocation = context.InstanceServices.GetRequiredService<InvocationMarker>().Id,
            sameProvider = ReferenceEquals(request.HttpContext.RequestServices, context.InstanceServices),
        });
}
