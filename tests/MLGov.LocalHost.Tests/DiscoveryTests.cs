using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using MLGov.LocalHost.Discovery;
using MLGov.LocalHost.Tests.RefusedApp;
using MLGov.Platform.Http;

namespace MLGov.LocalHost.Tests;

public sealed class DiscoveryTests
{
    [Theory]
    [InlineData(typeof(RefusedFunctions.ReturnsPoco))]
    [InlineData(typeof(RefusedFunctions.ReturnsTaskOfPoco))]
    [InlineData(typeof(RefusedFunctions.ReturnsMinimalApiResult))]
    [InlineData(typeof(RefusedFunctions.ReturnsNothing))]
    public void An_http_function_that_does_not_return_an_action_result_is_refused_at_discovery(Type declaring)
    {
        var error = Assert.Throws<InvalidOperationException>(() => FunctionDiscovery.Discover("refused", [declaring]));

        Assert.Contains("IActionResult", error.Message, StringComparison.Ordinal);
        Assert.Contains(declaring.Name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Action_results_directly_or_awaited_are_accepted()
    {
        var found = FunctionDiscovery.Discover("accepted", [typeof(AcceptedFunctions)]);

        Assert.Equal(["Awaited", "AwaitedValue", "Direct"], found.Select(f => f.Name).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void A_timespan_schedule_which_flex_consumption_refuses_is_refused_at_discovery()
    {
        var error = Assert.Throws<InvalidOperationException>(() => FunctionDiscovery.Discover("refused", [typeof(RefusedFunctions.EveryFiveMinutesAsTimeSpan)]));

        Assert.Contains("TimeSpan", error.Message, StringComparison.Ordinal);
        Assert.Contains("App Service plan", error.Message, StringComparison.Ordinal);
    }

    private static class AcceptedFunctions
    {
        [Function("Direct")]
        public static NoContentResult Direct([HttpTrigger(AuthorizationLevel.Anonymous, "get")] HttpRequest request) => new();

        [Function("Awaited")]
        public static Task<IActionResult> Awaited([HttpTrigger(AuthorizationLevel.Anonymous, "get")] HttpRequest request) =>
            Task.FromResult<IActionResult>(new NoContentResult());

        [Function("AwaitedValue")]
        public static ValueTask<JsonBodyResult> AwaitedValue([HttpTrigger(AuthorizationLevel.Anonymous, "get")] HttpRequest request) =>
            ValueTask.FromResult(new JsonBodyResult(new { ok = true }));
    }
}
