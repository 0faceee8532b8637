using System.CommandLine;
using System.Linq;
using Kan.Cli.Data;
using Kan.Cli.Training;
using Kan.Formulas;
using Kan.Training;
using Kan.Training.Symbolic;
using Spectre.Console;

namespace Kan.Cli.Commands;

/// <summary>
/// <c>kan symbolic suggest|auto</c>: pykan's <c>suggest_symbolic</c> (rank library functions for one edge) and
/// <c>auto_symbolic</c> (snap every edge to its best function, optionally refit, print the formula).
/// </summary>
public static class SymbolicCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("symbolic", "Fit library functions (sin, exp, x^2, ...) to a model's edges.")
        {
            Suggest(context),
            Auto(context),
            SymbolicFixCommand.Fix(context),
            SymbolicFixCommand.Unfix(context),
        };
        return command;
    }

    private static Command Suggest(CliContext context)
    {
        var modelPath = ModelInput.Argument();
        var edge = new Option<string>("--edge") { Description = "The edge l,i,j: layer l, input i, output node (subnode) j, all from 0.", Required = true };
        var top = new Option<int>("--top") { Description = "How many candidates to list.", DefaultValueFactory = _ => 5 };
        var data = new DataOptions();
        var symbolic = new SymbolicOptions();
        var command = new Command("suggest", "Rank library functions c*f(a*x+b)+d for one edge by pykan's score (r2 against simplicity).") { modelPath, edge, top };
        symbolic.AddTo(command);
        data.AddTo(command);

        KanCli.SetAction(command, context, parse =>
        {
            KanModel model = InputFiles.ReadModel(parse.GetRequiredValue(modelPath));
            KanNetwork network = ModelInput.Network(model);
            var (l, i, j) = SymbolicOptions.ParseEdge(parse.GetRequiredValue(edge), network);
            var lib = symbolic.Library(parse);
            double weight = symbolic.Weight(parse);
            int topK = parse.GetValue(top);
            if (topK < 1)
            {
                throw new CliException("--top must be at least 1", ExitCodes.Usage);
            }

            LoadedData loaded = ModelInput.Data(parse, data, model, requireLabels: false);
            var candidates = SymbolicOptions.OnFiniteRows(() => SymbolicRegression.SuggestSymbolic(network, l, i, j, loaded.Dataset.TrainInputs, lib, topK, weight));
            var table = new Table().Border(TableBorder.Simple).Title("Edge (" + l + "," + i + "," + j + "): c*f(a*x+b)+d");
            foreach (string column in new[] { "rank", "function", "r2", "complexity", "score", "a", "b", "c", "d" })
            {
                table.AddColumn(column);
            }

            int rank = 1;
            foreach (SymbolicCandidate c in candidates)
            {
                table.AddRow(Cells((rank++).ToString(System.Globalization.CultureInfo.InvariantCulture), c.Name, SymbolicOptions.Number(c.R2), c.Complexity.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    SymbolicOptions.Number(c.Score), SymbolicOptions.Number(c.Fit.A), SymbolicOptions.Number(c.Fit.B), SymbolicOptions.Number(c.Fit.C), SymbolicOptions.Number(c.Fit.D)));
            }

            context.CreateConsole().Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Auto(CliContext context)
    {
        var modelPath = ModelInput.Argument();
        var output = new Option<string>("--output", "-o") { Description = "The .kan file to write.", Required = true };
        var r2Threshold = new Option<double>("--r2-threshold") { Description = "Edges whose best candidate fits worse than this r2 stay numeric.", DefaultValueFactory = _ => 0.0 };
        var round = new Option<int>("--round") { Description = "Decimal places of the printed formula.", DefaultValueFactory = _ => 4 };
        var keepBetter = new Option<bool>("--keep-better") { Description = "Keep the spline on every edge whose snap alone raises the test RMSE more than " + SnapGuard.Factor + "-fold (needs the data's outputs)." };
        var data = new DataOptions();
        var symbolic = new SymbolicOptions();
        var fit = new FitOptionSet(defaultSteps: 0, retriesWithSingularityAvoiding: true);
        var command = new Command("auto", "Snap every active edge to its best library function, optionally refit the affine parameters, print the choices and the formula.") { modelPath, output, r2Threshold, round, keepBetter };
        symbolic.AddTo(command);
        data.AddTo(command);
        fit.AddTo(command);

        KanCli.SetAction(command, context, parse =>
        {
            KanModel model = InputFiles.ReadModel(parse.GetRequiredValue(modelPath));
            string target = parse.GetRequiredValue(output);
            var lib = symbolic.Library(parse);
            double weight = symbolic.Weight(parse);
            FitOptions options = fit.Read(parse);
            int digits = FormulaCommand.Digits(parse.GetValue(round));
            bool keep = parse.GetValue(keepBetter);
            LoadedData loaded = ModelInput.Data(parse, data, model, requireLabels: options.Steps > 0 || keep);
            OutputFiles.RequireWritable(target);
            KanNetwork network = ModelInput.Network(model);
            var guard = loaded.HasLabels ? new SnapGuard(network, loaded.Dataset) : null;
            var choices = SymbolicRegression.AutoSymbolic(network, loaded.Dataset.TrainInputs, lib, weight, parse.GetValue(r2Threshold));

            var table = new Table().Border(TableBorder.Simple).Title("Edges");
            foreach (string column in new[] { "layer", "in", "out", "action", "function", "r2", "score" })
            {
                table.AddColumn(column);
            }

            foreach (EdgeChoice c in choices.Where(c => c.Action != EdgeAction.Zero))
            {
                table.AddRow(Cells(c.Layer.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Input.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Subnode.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ActionText(c.Action), c.Best?.Name ?? "-", c.Best is null ? "-" : SymbolicOptions.Number(c.Best.R2), c.Best is null ? "-" : SymbolicOptions.Number(c.Best.Score)));
            }

            IAnsiConsole console = context.CreateConsole();
            console.Write(table);
            int zero = choices.Count(c => c.Action == EdgeAction.Zero);
            if (zero > 0)
            {
                context.Output.WriteLine(zero + " inactive edge(s) set to 0");
            }

            if (keep)
            {
                foreach (EdgeChoice c in guard!.KeepSplinesWhereWorse(network, choices))
                {
                    context.Output.WriteLine("kept the spline on edge (" + c.Layer + "," + c.Input + "," + c.Subnode + "): " + c.Best!.Name + " alone raised the test RMSE more than " + SnapGuard.Factor + "-fold");
                }
            }

            if (options.Steps > 0)
            {
                network = FitRunner.FitSnapped(context, network, loaded.Dataset, options, retry: fit.SingularityAvoidingUnset(parse));
            }

            guard?.WarnIfMuchWorse(context, network, keep);
            KanModel snapped = TrainingReport.MeasureRecordSave(context, network, parse, loaded, target);
            context.Output.WriteLine("formula: " + KanFormula.FromModel(snapped).Simplify().Round(digits).ToText());
            return ExitCodes.Success;
        });
        return command;
    }

    private static string ActionText(EdgeAction action) => action switch
    {
        EdgeAction.Fixed => "fixed",
        EdgeAction.KeptNumeric => "kept numeric",
        EdgeAction.AlreadySymbolic => "already symbolic",
        _ => "zero",
    };

    /// <summary>Table cells as plain text (function names like x^2 or 1/x must not be read as markup).</summary>
    private static Text[] Cells(params string[] values) => values.Select(v => new Text(v)).ToArray();
}
