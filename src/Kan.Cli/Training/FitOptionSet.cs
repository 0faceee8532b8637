using System.CommandLine;
using Kan.Training;

namespace Kan.Cli.Training;

/// <summary>The options of pykan's <c>fit</c> that <c>train</c>, <c>refine</c> and <c>symbolic auto</c> share, with pykan's defaults.</summary>
public sealed class FitOptionSet
{
    public FitOptionSet(int defaultSteps)
    {
        Steps = new Option<int>("--steps") { Description = "Optimizer steps (pykan fit's steps).", DefaultValueFactory = _ => defaultSteps };
    }

    public Option<int> Steps { get; }

    public Option<string> Optimizer { get; } = new Option<string>("--optimizer") { Description = "lbfgs or adam.", DefaultValueFactory = _ => "lbfgs" }.AcceptOnlyFromAmong("lbfgs", "adam", "LBFGS", "Adam");

    public Option<double> LearningRate { get; } = new("--lr") { Description = "Learning rate (pykan's default 1 suits LBFGS; try 0.01 with adam).", DefaultValueFactory = _ => 1.0 };

    public Option<double> Lamb { get; } = new("--lamb") { Description = "Sparsity regularisation weight (pykan lamb); > 0 before pruning.", DefaultValueFactory = _ => 0.0 };

    public Option<int> Batch { get; } = new("--batch") { Description = "Rows per step; -1 is the full batch.", DefaultValueFactory = _ => -1 };

    public Option<bool> NoGridUpdate { get; } = new("--no-grid-update") { Description = "Keep the grids fixed (pykan update_grid=False); by default grids follow the data during the first 50 steps." };

    public Option<int> FitSeed { get; } = new("--fit-seed") { Description = "Seed of the mini-batch sampling.", DefaultValueFactory = _ => 1 };

    public void AddTo(Command command)
    {
        command.Add(Steps);
        command.Add(Optimizer);
        command.Add(LearningRate);
        command.Add(Lamb);
        command.Add(Batch);
        command.Add(NoGridUpdate);
        command.Add(FitSeed);
    }

    public FitOptions Read(ParseResult parse)
    {
        int steps = parse.GetValue(Steps);
        if (steps < 0)
        {
            throw new CliException("--steps must not be negative", ExitCodes.Usage);
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

        return new FitOptions
        {
            Steps = steps,
            Optimizer = parse.GetValue(Optimizer)!.ToLowerInvariant() == "adam" ? Kan.Training.Optimizer.Adam : Kan.Training.Optimizer.Lbfgs,
            LearningRate = lr,
            Lamb = lamb,
            Batch = batch,
            UpdateGrid = !parse.GetValue(NoGridUpdate),
            Seed = parse.GetValue(FitSeed),
        };
    }
}
