using System.IO;
using Spectre.Console;

namespace Kan.Cli;

/// <summary>Where a command writes: the process's streams in production, string writers in tests.</summary>
public sealed class CliContext
{
    public CliContext(TextWriter output, TextWriter error)
    {
        Output = output;
        Error = error;
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    /// <summary>
    /// A Spectre console over <see cref="Output"/> for tables. Plain text only (no ANSI codes) and a fixed wide
    /// layout, so redirected output, pipes and tests see the same complete lines.
    /// </summary>
    public IAnsiConsole CreateConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(Output),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        return console;
    }
}
