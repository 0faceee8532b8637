using System.CommandLine;
using System.Linq;
using Kan.Training;

namespace Kan.Cli.Training;

/// <summary>
/// The options of pykan's <c>fit</c> that <c>train</c>, <c>fit</c>, <c>refine</c> and <c>symbolic auto</c> share, with
/// pykan's defaults. <c>symbolic auto</c> (<paramref name="retriesWithSingularityAvoiding"/>) retries a diverged
/// retrain with <c>--singularity-avoiding</c> unless that option is given (<see cref="FitRunner.FitSnapped"/>).
/// </summary>
public sealed class FitOptionSet
{
    private readonly bool _retries;

    public FitOptionSet(int defaultSteps, bool retriesWithSingularityAvoiding = false)
    {
        _retries = retriesWithSingularityAvoiding;
        Steps = new Option<int>("--steps") { Description = "Optimizer steps (pykan fit's steps).", DefaultValueFactory = _ => defaultSteps };
        SingularityAvoiding = new Option<bool>("--singularity-avoiding")
        {
            Description = "Symbolic edges train through pykan's singularity-safe 1/x, log, sqrt, ... (pykan fit's singularity_avoiding), so a snapped function meeting its pole or leaving its domain stays finite"
                + (retriesWithSingularityAvoiding ? "; unset, a retrain that diverges is retried with it, '--singularity-avoiding false' stops that." : "."),
        };
    }

    public Option<int> Steps { get; }

    public Option<string> Optimizer { get; } = new Option<string>("--optimizer") { Description = "lbfgs or adam.", DefaultValueFactory = _ => "lbfgs" }.AcceptOnlyFromAmong("lbfgs", "adam", "LBFGS", "Adam");

    public Option<double> LearningRate { get; } = new("--lr") { Description = "Learning rate (pykan's default 1 suits LBFGS; try 0.01 with adam).", DefaultValueFactory = _ => 1.0 };

    public Option<double> Lamb { get; } = new("--lamb") { Description = "Sparsity regularisation weight (pykan lamb); > 0 before pruning.", DefaultValueFactory = _ => 0.0 };

    public Option<int> Batch { get; } = new("--batch") { Description = "Rows per step; -1 is the full batch.", DefaultValueFactory = _ => -1 };

    public Option<bool> NoGridUpdate { get; } = new("--no-grid-update") { Description = "Keep the grids fixed (pykan update_grid=False); by default grids follow the data during the first 50 steps." };

    public Option<int> FitSeed { get; } = new("--fit-seed") { Description = "Seed of the mini-batch sampling.", DefaultValueFactory = _ => 1 };

    public Option<bool> SingularityAvoiding { get; }

    public Option<double> YTh { get; } = new("--y-th") { Description = "The singularity threshold of --singularity-avoiding (pykan fit's y_th): the largest magnitude a guarded function reaches near its pole.", DefaultValueFactory = _ => 1000.0 };

    public void AddTo(Command command)
    {
        command.Add(Steps);
        command.Add(Optimizer);
        command.Add(LearningRate);
        command.Add(Lamb);
        command.Add(Batch);
        command.Add(NoGridUpdate);
        command.Add(FitSeed);
        command.Add(SingularityAvoiding);
        command.Add(YTh);
    }

    /// <summary>True when this command retries a diverged fit with singularity avoiding and the user left the choice to it.</summary>
    public bool SingularityAvoidingUnset(ParseResult parse) => _retries && !Data.DataOptions.Given(parse, SingularityAvoiding);

    public FitOptions Read(ParseResult parse)
    {
        int steps = parse.GetValue(Steps);
        if (steps < 0)
        {
            throw new CliException("--steps must not be negative", ExitCodes.Usage);
        }

        if (steps == 0)
        {
            // Without steps nothing is fitted, so a fit option would be silently ignored.
            Option? unused = new Option[] { Optimizer, LearningRate, Lamb, Batch, NoGridUpdate, FitSeed, SingularityAvoiding, YTh }.FirstOrDefault(o => Data.DataOptions.Given(parse, o));
            if (unused is not null)
            {
                throw new CliException(unused.Name + " sets how the model is fitted, but no fitting happens without --steps N (N > 0)", ExitCodes.Usage);
            }
        }

        double lr = parse.GetValue(LearningRate);
        if (!(lr > 0) || double.IsInfinity(lr))
        {
            throw new CliException("--lr must be a positive number", ExitCodes.Usage);
        }

        double lamb = parse.GetValue(Lamb);
        if (!(lamb >= 0) || double.IsInfinity(lamb))
        {
            throw new CliException("--lamb must be zero or positive", ExitCodes.Usage);
        }

        int batch = parse.GetValue(Batch);
        if (batch == 0 || batch < -1)
        {
            throw new CliException("--batch must be a positive row count or -1 for the full batch", ExitCodes.Usage);
        }

        bool singularityAvoiding = parse.GetValue(SingularityAvoiding);
        double yTh = parse.GetValue(YTh);
        if (!(yTh > 0) || double.IsInfinity(yTh))
        {
            throw new CliException("--y-th must be a positive number (pykan's y_th, default 1000)", ExitCodes.Usage);
        }

        if (!singularityAvoiding && Data.DataOptions.Given(parse, YTh) && !SingularityAvoidingUnset(parse))
        {
            throw new CliException("--y-th sets the threshold of --singularity-avoiding, which is off" + (_retries ? " (--singularity-avoiding false)" : "; add --singularity-avoiding"), ExitCodes.Usage);
        }

        return new FitOptions
        {
            Steps = steps,
            Optimizer = parse.GetValue(Optimizer)!.ToLowerInvariant() == "adam" ? Kan.Training.Optimizer.Adam : Kan.Training.Optimizer.Lbfgs,
            LearningRate = lr,
            Lamb = lamb,
            Batch = batch,
            UpdateGrid = !parse.GetValue(NoGridUpdate),
            Seed = parse.GetValue(FitSeed),
            SingularityAvoiding = singularityAvoiding,
            YTh = yTh,
        };
    }
}
