using System.Text.RegularExpressions;
using MLGov.DevStack;
using MLGov.LocalStack;

namespace MLGov.LocalHost.Tests;

/// <summary>
/// What an app registers in Azure is what the local host runs only if Program.cs registers
/// nothing of its own: every service and every worker middleware must come from the app's
/// AddXxxApp, the one method the local host calls too (FunctionApps).
/// </summary>
public sealed partial class AppRegistrationTests
{
    public static TheoryData<string> Apps => new(FunctionApps.All.Select(a => a.Name));

    [Theory]
    [MemberData(nameof(Apps))]
    public void Program_cs_registers_only_through_the_method_the_local_host_calls(string app)
    {
        var folder = char.ToUpperInvariant(app[0]) + app[1..];
        var program = File.ReadAllText(Path.Combine(RepoPaths.Root, "functions", folder, "Program.cs"));

        var statements = BuilderStatement().Matches(program).Select(m => m.Value.Trim()).ToArray();

        Assert.Equal(
            [
                "builder.ConfigureFunctionsWebApplication();",
                $"builder.Add{folder}App(builder.Configuration);",
                "builder.Build().Run();",
            ],
            statements);
    }

    [GeneratedRegex(@"^\s*builder\b[^\n]*$", RegexOptions.Multiline)]
    private static partial Regex BuilderStatement();
}
