using System.CommandLine;
using MLGov.LocalStack;
using MLGov.Platform.OpenApi;

namespace MLGov.Cli.OpenApi;

/// <summary>
/// mlgov openapi APP [--output FILE]: the app's OpenAPI 3.1 document, the same one it serves at
/// /api/APP/openapi.json, built from its assembly without starting anything (for generating clients).
/// </summary>
internal static class OpenApiCommand
{
    public static Command Create()
    {
        var app = new Argument<string>("app") { Description = "identity, registry, voting, finance or risk" };
        app.AcceptOnlyFromAmong([.. FunctionApps.All.Select(a => a.Name)]);
        var output = new Option<string?>("--output") { Description = "Write to this file instead of standard output" };
        var command = new Command("openapi", "Print an app's OpenAPI 3.1 document") { app, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var definition = FunctionApps.All.Single(a => a.Name == parse.GetValue(app));
            var json = ApiDocumentGenerator.ToJson(ApiDocumentGenerator.Generate(definition.Name, definition.Assembly));
            if (parse.GetValue(output) is { } path)
            {
                await File.WriteAllBytesAsync(path, json, cancellationToken);
            }
            else
            {
                await using var stdout = Console.OpenStandardOutput();
                await stdout.WriteAsync(json, cancellationToken);
            }

            return 0;
        });
        return command;
    }
}
