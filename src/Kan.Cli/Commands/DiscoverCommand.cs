using System;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using Kan.Cli.Discovery;
using Kan.Cli.Training;
using Kan.Symbolic;
using Kan.Training;
using Kan.Training.Discovery;

namespace Kan.Cli.Commands;

/// <summary>
/// <c>kan discover --data FILE.csv -o MODEL.kan</c>: automatic formula discovery (<see cref="FormulaDiscovery"/>).
/// Progress goes to stderr; stdout gets the Pareto front, the choice, and last one machine-readable line.
/// </summary>
public static class DiscoverCommand
{
    public static Command Create(CliContext context)
    {
        var data = new Option<string>("--data") { Description = "CSV with a header row; the last column is the target unless --target names another, every other column is an input.", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "The .kan file to write: the chosen formula's network, or the best spline model when no formula is good enough.", Required = true };
        var target = new Option<string?>("--target") { Description = "The target column (default: the last)." };
        var seed = new Option<int>("--seed") { Description = "Seed of the validation split and of every network; the same seed gives the same result.", DefaultValueFactory = _ => 0 };
        var timeLimit = new Option<double>("--time-limit") { Description = "Seconds the search may take (it stops early when it finds an exact formula).", DefaultValueFactory = _ => 600 };
        var lib = new Option<string?>("--lib") { Description = "Comma-separated symbolic functions edges may snap to (default: " + string.Join(", ", SnapLibrary.DefaultNames) + ")." };
        var command = new Command("discover", "Find a formula for a CSV's target column automatically: architectures, pruning, grid refinement, guarded symbolic snapping.") { data, output, target, seed, timeLimit, lib };
        KanCli.SetAction(command, context, parse =>
        {
            string path = parse.GetRequiredValue(data);
            string model = parse.GetRequiredValue(output);
            double seconds = parse.GetValue(timeLimit);
            if (!(seconds > 0) || double.IsInfinity(seconds))
            {
                throw new CliException("--time-limit must be a positive number of seconds, not " + seconds.ToString(CultureInfo.InvariantCulture), ExitCodes.Usage);
            }

            string[]? library = Library(parse.GetValue(lib));
            DiscoveryInput input = DiscoveryInput.Read(path, parse.GetValue(target));
            OutputFiles.RequireWritable(model);
            var options = new DiscoveryOptions
            {
                Seed = parse.GetValue(seed),
                TimeLimit = TimeSpan.FromSeconds(seconds),
                Library = library,
                Log = line => context.Error.WriteLine("discover: " + line),
            };
            context.Error.WriteLine("discover: " + input.Target.Length + " rows, inputs " + string.Join(", ", input.InputNames) + ", target " + input.TargetName + "; up to " + seconds.ToString(CultureInfo.InvariantCulture) + " s on " + options.MaxParallelTrials + " core(s)");
            DiscoveryResult result = FormulaDiscovery.Run(input.Inputs, input.Target, input.InputNames, input.TargetName, options, context.Cancellation);
            Report(context, result);
            KanNetwork network = result.Model.Clone();
            ModelRecord.Set(network, ModelRecord.HistoryKey, ModelRecord.CommandLine(parse));
            ModelRecord.Set(network, "dataset", "csv " + path + ": " + input.Target.Length + " rows");
            ModelRecord.Set(network, "validation_rmse", Number(result.ModelValidationRmse));
            if (result.Chosen is not null)
            {
                ModelRecord.Set(network, "formula", result.Chosen.Formula);
            }

            ModelRecord.Save(network, model);
            context.Output.WriteLine("wrote " + model);
            context.Output.WriteLine("formula=" + (result.Chosen?.Formula.Replace(" ", string.Empty) ?? "none") + " complexity=" + (result.Chosen?.Complexity.ToString(CultureInfo.InvariantCulture) ?? "none") +
                " validation_rmse=" + Number(result.ModelValidationRmse) + " seconds=" + result.Seconds.ToString("F1", CultureInfo.InvariantCulture));
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Report(CliContext context, DiscoveryResult result)
    {
        context.Output.WriteLine("Pareto front (complexity, validation RMSE, formula):");
        if (result.ParetoFront.Count == 0)
        {
            context.Output.WriteLine("  (no trial snapped every edge to a formula)");
        }

        foreach (FormulaCandidate f in result.ParetoFront)
        {
            context.Output.WriteLine("  " + f.Complexity.ToString(CultureInfo.InvariantCulture).PadLeft(4) + "  " + Number(f.ValidationRmse).PadRight(12) + "  " + f.Formula);
        }

        string tolerance = "validation RMSE <= " + Number(result.Tolerance) + " (2 x the best error + 1e-7 x std of the target)";
        context.Output.WriteLine(result.Chosen is null
            ? "no formula is good enough (" + tolerance + "); writing the best spline model, validation RMSE " + Number(result.ModelValidationRmse)
            : "chosen: the simplest formula with " + tolerance + ": " + result.Chosen.Formula);
        if (result.TimedOut)
        {
            context.Output.WriteLine("note: the time limit ended the search early; a longer --time-limit may find more (and the result may vary from run to run)");
        }
    }

    private static string[]? Library(string? text)
    {
        if (text is null)
        {
            return null;
        }

        string[] names = text.Split(',').Select(n => n.Trim()).Where(n => n.Length > 0).ToArray();
        if (names.Length == 0)
        {
            throw new CliException("--lib '" + text + "' names no function", ExitCodes.Usage);
        }

        string? unknown = names.FirstOrDefault(n => !SymbolicFunctions.TryGet(n, out _) || n == "0");
        if (unknown is not null)
        {
            throw new CliException("unknown symbolic function '" + unknown + "' in --lib; known: " + string.Join(", ", SymbolicFunctions.All.Where(f => f.Name != "0").Select(f => f.Name)), ExitCodes.Usage);
        }

        return names;
    }

    private static string Number(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
