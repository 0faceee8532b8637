using System;
using System.CommandLine;
using System.CommandLine.Help;
using System.IO;
using System.Linq;
using System.Threading;
using Kan.Cli.Commands;
using Kan.Format;

namespace Kan.Cli;

/// <summary>
/// Builds the <c>kan</c> command tree and runs it. Error handling lives only here: usage errors (exit 2), every
/// failure a command reports (exit 1, or the <see cref="CliException"/>'s code) and unanticipated exceptions
/// (exit 70, <see cref="ExitCodes.InternalError"/>) become exactly one <c>kan: error: ...</c> line on stderr,
/// never a stack trace. New commands add one file under Commands/ and one line in <see cref="CreateRoot"/>, read
/// their inputs through <see cref="InputFiles"/> and check and write their outputs through <see cref="OutputFiles"/>.
/// </summary>
public static class KanCli
{
    public const string ErrorPrefix = "kan: error: ";

    /// <summary>Runs <c>kan</c> with <paramref name="args"/>, writing to the given streams; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, CancellationToken.None);

    /// <summary>As <see cref="Run(string[], TextWriter, TextWriter)"/>, with a token that cancels training (tests use it for Ctrl+C).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        var context = new CliContext(stdout, stderr, cancellation);
        RootCommand root = CreateRoot(context);
        ParseResult result = root.Parse(args);

        // --help wins over other parse errors, as users expect from `kan eval --help` with a half-typed command.
        if (result.Errors.Count > 0 && result.Action is not HelpAction)
        {
            // Some parser messages span lines (AcceptOnlyFromAmong lists the choices one per line): keep the one-line contract.
            string messages = string.Join("; ", result.Errors.Select(e => OneLine(e.Message).TrimEnd('.')).Distinct());
            string help = "kan " + CommandPath(result.CommandResult) + "--help";
            stderr.WriteLine(ErrorPrefix + messages + " (see '" + help + "')");
            return ExitCodes.Usage;
        }

        return result.Invoke(new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false,
        });
    }

    internal static RootCommand CreateRoot(CliContext context)
    {
        var root = new RootCommand("kan: train, refine, prune, symbolify, evaluate, inspect and plot Kolmogorov-Arnold Network (.kan) models.");
        root.Add(ImportPykanCommand.Create(context));
        root.Add(ImportEfficientKanCommand.Create(context));
        root.Add(ExportPykanCommand.Create(context));
        root.Add(EvalCommand.Create(context));
        root.Add(InspectCommand.Create(context));
        root.Add(TrainCommand.Create(context));
        root.Add(RefineCommand.Create(context));
        root.Add(PruneCommand.Create(context));
        root.Add(SymbolicCommand.Create(context));
        root.Add(FormulaCommand.Create(context));
        root.Add(PlotCommand.Create(context));
        root.Add(DiscoverCommand.Create(context));
        root.Add(FitCommand.Create(context));
        root.Add(AttributeCommand.Create(context));
        return root;
    }

    /// <summary>Sets <paramref name="command"/>'s action to <paramref name="body"/> behind the shared error handling.</summary>
    internal static void SetAction(Command command, CliContext context, Func<ParseResult, int> body)
    {
        command.SetAction(parseResult =>
        {
            try
            {
                return body(parseResult);
            }
            catch (CliException e)
            {
                return Fail(context, e.Message, e.ExitCode);
            }
            catch (KanFormatException e)
            {
                return Fail(context, e.Message, ExitCodes.BadInput);
            }
            catch (Kan.Interop.Torch.TorchFormatException e)
            {
                return Fail(context, e.Message, ExitCodes.BadInput);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Fail(context, e.Message, ExitCodes.BadInput);
            }
            catch (Exception e)
            {
                // A bug, not bad input; still one line, but say so, so it gets reported rather than "fixed" by the user.
                return Fail(context, "internal error (" + e.GetType().Name + "): " + e.Message + "; please report this as a bug", ExitCodes.InternalError);
            }
        });
    }

    /// <summary>"symbolic suggest " for a subcommand, "" for the root: the words before --help.</summary>
    private static string CommandPath(System.CommandLine.Parsing.CommandResult? command) =>
        command is null || command.Command is RootCommand ? string.Empty : CommandPath(command.Parent as System.CommandLine.Parsing.CommandResult) + command.Command.Name + " ";

    private static string OneLine(string message) =>
        string.Join(" ", message.Split(new[] { '\r', '\n', '\t' }, StringSplitOptions.RemoveEmptyEntries).Select(p => p.Trim()));

    private static int Fail(CliContext context, string message, int exitCode)
    {
        // One line, whatever the message holds (file names or exception texts may contain newlines).
        string line = message.Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ');
        context.Error.WriteLine(ErrorPrefix + line);
        return exitCode;
    }
}
