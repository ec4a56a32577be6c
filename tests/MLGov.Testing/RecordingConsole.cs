using Spectre.Console;

namespace MLGov.Testing;

/// <summary>A Spectre console that writes plain text (no colours, wide lines) into a string.</summary>
public sealed class RecordingConsole : IDisposable
{
    private readonly StringWriter _writer = new();

    public RecordingConsole()
    {
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_writer),
        });
        Console.Profile.Width = 400;
    }

    public IAnsiConsole Console { get; }

    public string Output => _writer.ToString();

    public void Dispose() => _writer.Dispose();
}
