using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using Kan.Training;
using Spectre.Console;

namespace Kan.Cli.Training;

/// <summary>
/// Runs <see cref="KanNetwork.Fit"/> for a command: a live Spectre progress bar when stderr is a terminal, otherwise
/// one plain stderr line every tenth of the steps; after the first step, an estimate of the time per step (the first
/// step pays for the JIT and the first grid update, so the estimate is on the safe side). Ctrl+C (or the context's token) cancels between steps and the
/// command then writes nothing. Divergence becomes a one-line error.
/// </summary>
public static class FitRunner
{
    public static FitHistory Fit(CliContext context, KanNetwork network, Dataset dataset, FitOptions options)
    {
        try
        {
            return Run(context, network, dataset, options);
        }
        catch (TrainingDivergedException e)
        {
            throw Diverged(e, network, options);
        }
    }

    /// <summary>
    /// <c>symbolic auto</c>'s retrain of a freshly snapped network: with <paramref name="retry"/> (the user left
    /// <c>--singularity-avoiding</c> unset), a fit with the plain functions that diverges is run once more from the
    /// snapped state with pykan's singularity-safe variants, saying so on stderr. Returns the network to keep.
    /// </summary>
    public static KanNetwork FitSnapped(CliContext context, KanNetwork network, Dataset dataset, FitOptions options, bool retry)
    {
        if (!retry || options.SingularityAvoiding)
        {
            Fit(context, network, dataset, options);
            return network;
        }

        KanNetwork snapped = network.Clone();
        try
        {
            Run(context, network, dataset, options);
            return network;
        }
        catch (TrainingDivergedException e)
        {
            context.Error.WriteLine("the retrain diverged at step " + e.Step + " with the plain functions; retrying from the snapped model with --singularity-avoiding (y_th " +
                options.YTh.ToString(CultureInfo.InvariantCulture) + ")");
            FitOptions safe = options.Clone();
            safe.SingularityAvoiding = true;
            Fit(context, snapped, dataset, safe);
            return snapped;
        }
    }

    private static FitHistory Run(CliContext context, KanNetwork network, Dataset dataset, FitOptions options)
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
        finally
        {
            if (onCtrlC is not null)
            {
                Console.CancelKeyPress -= onCtrlC;
            }
        }
    }

    private static CliException Diverged(TrainingDivergedException e, KanNetwork network, FitOptions options)
    {
        bool symbolicEdges = network.Layers.Any(l => l.SymbolicMask.ToArray().Any(m => m != 0.0));
        return new CliException(e.Message + (symbolicEdges && !options.SingularityAvoiding
            ? " A symbolic edge (1/x, log, sqrt, ...) whose argument meets its pole or leaves its domain also diverges: --singularity-avoiding keeps it finite."
            : ""));
    }

    public static string Describe(int step, int steps, double train, double test) =>
        "step " + step + "/" + steps + ": train rmse " + Number(train) + ", test rmse " + Number(test);

    public static string Number(double value) => value.ToString("0.000e+00", CultureInfo.InvariantCulture);

    /// <summary>"about 1.2 s per step, about 2 min for the remaining 99 steps" from the first step's time.</summary>
    public static string Estimate(TimeSpan firstStep, int steps) =>
        "about " + Duration(firstStep) + " per step" + (steps > 1 ? ", about " + Duration(TimeSpan.FromTicks(firstStep.Ticks * (steps - 1))) + " for the remaining " + (steps - 1) + " steps" : "");

    private static string Duration(TimeSpan t) =>
        t.TotalSeconds < 1 ? (t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms") :
        t.TotalMinutes < 2 ? (t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s") :
        t.TotalHours < 2 ? (t.TotalMinutes.ToString("0", CultureInfo.InvariantCulture) + " min") :
        (t.TotalHours.ToString("0.0", CultureInfo.InvariantCulture) + " h");

    private static FitHistory FitPlain(CliContext context, KanNetwork network, Dataset dataset, FitOptions options, CancellationToken token)
    {
        int every = Math.Max(1, options.Steps / 10);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var progress = new SyncProgress(p =>
        {
            if (p.Step == 1)
            {
                context.Error.WriteLine("step 1 took " + Estimate(watch.Elapsed, p.Steps));
            }

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
                var watch = System.Diagnostics.Stopwatch.StartNew();
                string estimate = "";
                var progress = new SyncProgress(p =>
                {
                    if (p.Step == 1)
                    {
                        estimate = " (" + Estimate(watch.Elapsed, p.Steps) + ")";
                    }

                    task.Value = p.Step;
                    task.Description = Markup.Escape(Describe(p.Step, p.Steps, p.TrainRmse, p.TestRmse) + estimate);
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
