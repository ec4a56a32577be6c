using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace MLGov.LocalHost.Tests.RefusedApp;

/// <summary>
/// Functions Azure would not serve as a plain ASP.NET Core endpoint would, one per class so each
/// refusal is seen alone. Outside the sample app's namespace: no host serves them.
/// </summary>
public static class RefusedFunctions
{
    public sealed record Greeting(string Text);

    public static class ReturnsPoco
    {
        [Function("ReturnsPoco")]
        public static Greeting Run([HttpTrigger(AuthorizationLevel.Anonymous, "get")] HttpRequest request) => new("hello");
    }

    public static class ReturnsTaskOfPoco
    {
        [Function("ReturnsTaskOfPoco")]
        public static Task<Greeting> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get")] HttpRequest request) => Task.FromResult(new Greeting("hello"));
    }

    public static class ReturnsMinimalApiResult
    {
        [Function("ReturnsMinimalApiResult")]
        public static IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get")] HttpRequest request) => Results.Ok(new Greeting("hello"));
    }

    public static class ReturnsNothing
    {
        [Function("ReturnsNothing")]
        public static Task Run([HttpTrigger(AuthorizationLevel.Anonymous, "post")] HttpRequest request) => Task.CompletedTask;
    }

    public static class EveryFiveMinutesAsTimeSpan
    {
        [Function("EveryFiveMinutesAsTimeSpan")]
        public static void Run([TimerTrigger("00:05:00")] TimerInfo timer)
        {
        }
    }
}
