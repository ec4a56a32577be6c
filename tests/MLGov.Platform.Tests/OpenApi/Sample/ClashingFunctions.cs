using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace MLGov.Platform.Tests.OpenApi.Sample;

/// <summary>Two functions answering the same method on the same route: no document can describe that.</summary>
public sealed class ClashingFunctions
{
    [Function("First")]
    public IActionResult First([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sample/things")] HttpRequest request) => throw new NotSupportedException();

    [Function("Second")]
    public IActionResult Second([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "sample/things")] HttpRequest request) => throw new NotSupportedException();
}
