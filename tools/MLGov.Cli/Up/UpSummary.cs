using Spectre.Console;

namespace MLGov.Cli.Up;

/// <summary>
/// What mlgov up prints once the stack runs. Health goes in a table; every address, connection
/// string and path is written as one raw line ("label: value"), never inside a table cell or a
/// wrapped paragraph, so it can be copied whole whatever the terminal width (or with no terminal).
/// </summary>
public static class UpSummary
{
    public static void Write(IAnsiConsole console, IReadOnlyList<AppHealth> apps, IReadOnlyList<KeyValuePair<string, string>> places)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(apps);
        ArgumentNullException.ThrowIfNull(places);

        var table = new Table().AddColumns("App", "Health", "Dependencies");
        foreach (var app in apps)
        {
            var health = app.Healthy ? $"[green]{app.Status} healthy[/]" : $"[red]{app.Status} unhealthy[/]";
            table.AddRow(Markup.Escape(app.Name), health, Markup.Escape(app.Dependencies));
        }

        console.Write(table);

        // Straight to the output writer: Spectre's own text rendering folds long lines at the
        // console width, which breaks a URL or connection string in two.
        var output = console.Profile.Out.Writer;
        foreach (var app in apps)
        {
            output.WriteLine($"{app.Name} base URL: {app.BaseUrl}");
        }

        foreach (var (label, value) in places)
        {
            output.WriteLine($"{label}: {value}");
        }

        output.Flush();
    }
}
