using System.IO;
using System.Threading;
using Spectre.Console;

namespace Kan.Cli;

/// <summary>Where a command writes: the process's streams in production, string writers in tests.</summary>
public sealed class CliContext
{
    public CliContext(TextWriter output, TextWriter error, CancellationToken cancellation = default)
    {
        Output = output;
        Error = error;
        Cancellation = cancellation;
    }

    /// <summary>Cancels long work (training) from outside, as Ctrl+C does in the real console; tests pass their own.</summary>
    public CancellationToken Cancellation { get; }

    /// <summary>True when <see cref="Error"/> is the process's stderr and that is a terminal: then progress is drawn as a live bar.</summary>
    public bool ErrorIsTerminal => ReferenceEquals(Error, System.Console.Error) && !System.Console.IsErrorRedirected;

    /// <summary>True when running as the real process (not in-process tests), so Ctrl+C handling may be installed.</summary>
    public bool IsConsoleProcess => ReferenceEquals(Error, System.Console.Error);

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
