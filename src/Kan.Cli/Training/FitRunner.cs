using System;
using System.Globalization;
using System.Threading;
using Kan.Training;
using Spectre.Console;

namespace Kan.Cli.Training;

/// <summary>
/// Runs <see cref="KanNetwork.Fit"/> for a command: a live Spectre progress bar when stderr is a terminal, otherwise
/// one plain stderr line every tenth of the steps; Ctrl+C (or the context's token) cancels between steps and the
/// command then writes nothing. Divergence becomes a one-line error.
/// </summary>
public static class FitRunner
{
    public static FitHistory Fit(CliContext context, KanNetwork network, Dataset dataset, FitOptions options)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
        ConsoleCancelEventHandler? onCtrlC = null;
        if (context.IsConsoleProcess)
        {
            onCtrlC = (_, e) =>
            {
                // Keep the process alive: Fit stops at the next step and the command exits without writing.
                e.Cancel = true;
                cancel.Cancel();
            };
            Console.CancelKeyPress += onCtrlC;
        }

        try
        {
            return context.ErrorIsTerminal ? FitWithBar(network, dataset, options, cancel.Token) : FitPlain(context, network, dataset, options, cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new CliException("training cancelled at the user's request; nothing was written", ExitCodes.Cancelled);
        }
        catch (TrainingDivergedException e)
        {
            throw new CliException(e.Message);
        }
        finally
        {
            if (onCtrlC is not null)
            {
                Console.CancelKeyPress -= onCtrlC;
            }
        }
    }

    public static string Describe(int step, int steps, double train, double test) =>
        "step " + step + "/" + steps + ": train rmse " + Number(train) + ", test rmse " + Number(test);

    public static string Number(double value) => value.ToString("0.000e+00", CultureInfo.InvariantCulture);

    private static FitHistory FitPlain(CliContext context, KanNetwork network, Dataset dataset, FitOptions options, CancellationToken token)
    {
        int every = Math.Max(1, options.Steps / 10);
        var progress = new SyncProgress(p =>
        {
            if (p.Step % every == 0 || p.Step == p.Steps)
            {
                context.Error.WriteLine(Describe(p.Step, p.Steps, p.TrainRmse, p.TestRmse));
            }
        });
        return network.Fit(dataset, options, progress, token);
    }

    private static FitHistory FitWithBar(KanNetwork network, Dataset dataset, FitOptions options, CancellationToken token)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        FitHistory? history = null;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                ProgressTask task = ctx.AddTask(Describe(0, options.Steps, double.NaN, double.NaN), maxValue: Math.Max(1, options.Steps));
                var progress = new SyncProgress(p =>
                {
                    task.Value = p.Step;
                    task.Description = Markup.Escape(Describe(p.Step, p.Steps, p.TrainRmse, p.TestRmse));
                });
                history = network.Fit(dataset, options, progress, token);
                task.Value = task.MaxValue;
            });
        return history!;
    }

    /// <summary>Reports on the training thread itself (<see cref="Progress{T}"/> would post to a thread pool and reorder lines).</summary>
    private sealed class SyncProgress : IProgress<FitProgress>
    {
        private readonly Action<FitProgress> _report;

        public SyncProgress(Action<FitProgress> report) => _report = report;

        public void Report(FitProgress value) => _report(value);
    }
}
