using System.CommandLine;
using System.Globalization;
using Kan.Cli.Data;
using Kan.Cli.Training;
using Kan.Training;
using Kan.Training.Symbolic;

namespace Kan.Cli.Commands;

/// <summary>
/// <c>kan symbolic fix MODEL --edge l,i,j --fn NAME</c> (pykan <c>fix_symbolic</c>) and <c>kan symbolic unfix
/// MODEL --edge l,i,j</c> (pykan <c>unfix_symbolic</c>): snap one edge by hand, or give it back to its spline.
/// </summary>
public static class SymbolicFixCommand
{
    public static Command Fix(CliContext context)
    {
        var modelPath = ModelInput.Argument();
        var edge = new Option<string>("--edge") { Description = "The edge l,i,j: layer l, input i, output node (subnode) j, all from 0.", Required = true };
        var fn = new Option<string>("--fn") { Description = "The library function (x, x^2, sin, exp, ...).", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "The .kan file to write.", Required = true };
        var data = new DataOptions();
        var command = new Command("fix", "Snap one edge to a library function: with --data or --formula, fit c*f(a*x+b)+d to the edge's activations (pykan fix_symbolic); without, a=c=1, b=d=0.") { modelPath, edge, fn, output };
        data.AddTo(command);

        KanCli.SetAction(command, context, parse =>
        {
            KanModel model = InputFiles.ReadModel(parse.GetRequiredValue(modelPath));
            string target = parse.GetRequiredValue(output);
            KanNetwork network = ModelInput.Network(model);
            var (l, i, j) = SymbolicOptions.ParseEdge(parse.GetRequiredValue(edge), network);
            string name = parse.GetRequiredValue(fn);
            if (!SymbolicLibrary.Default.TryGet(name, out _))
            {
                throw new CliException("unknown symbolic function '" + name + "' for --fn; known: " + string.Join(", ", SymbolicLibrary.Default.Names), ExitCodes.Usage);
            }

            bool hasData = parse.GetValue(data.Data) is not null || parse.GetValue(data.Formula) is not null;
            LoadedData? loaded = hasData ? ModelInput.Data(parse, data, model, requireLabels: false) : null;
            OutputFiles.RequireWritable(target);
            if (loaded is not null)
            {
                double r2 = SymbolicOptions.OnFiniteRows(() => SymbolicRegression.FixSymbolic(network, l, i, j, name, loaded.Dataset.TrainInputs));
                NetworkLayer layer = network.Layers[l];
                int e = layer.EdgeIndex(i, j);
                context.Output.WriteLine("fixed (" + l + "," + i + "," + j + ") to " + name + ": r2 " + SymbolicOptions.Number(r2) + ", a " + SymbolicOptions.Number(layer.SymbolicA[e]) +
                    ", b " + SymbolicOptions.Number(layer.SymbolicB[e]) + ", c " + SymbolicOptions.Number(layer.SymbolicC[e]) + ", d " + SymbolicOptions.Number(layer.SymbolicD[e]));
            }
            else
            {
                network.SetSymbolic(l, i, j, name, 1.0, 0.0, 1.0, 0.0);
                network.SetMode(l, i, j, "s");
                context.Output.WriteLine("fixed (" + l + "," + i + "," + j + ") to " + name + " with a=1, b=0, c=1, d=0 (give --data or --formula to fit them)");
            }

            Save(context, network, parse, target, loaded?.Description);
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Unfix(CliContext context)
    {
        var modelPath = ModelInput.Argument();
        var edge = new Option<string>("--edge") { Description = "The edge l,i,j to give back to its spline.", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "The .kan file to write.", Required = true };
        var command = new Command("unfix", "Give one edge back to its spline (pykan unfix_symbolic): numeric branch on, symbolic branch off.") { modelPath, edge, output };

        KanCli.SetAction(command, context, parse =>
        {
            KanModel model = InputFiles.ReadModel(parse.GetRequiredValue(modelPath));
            string target = parse.GetRequiredValue(output);
            KanNetwork network = ModelInput.Network(model);
            var (l, i, j) = SymbolicOptions.ParseEdge(parse.GetRequiredValue(edge), network);
            OutputFiles.RequireWritable(target);
            NetworkLayer layer = network.Layers[l];
            int e = layer.EdgeIndex(i, j);
            string was = layer.SymbolicMask[e] != 0.0 ? layer.SymbolicNames[e] : "no symbolic function";
            // pykan unfix_symbolic: set_mode(l, i, j, "n") and the function name back to '0'.
            network.SetMode(l, i, j, "n");
            network.SetSymbolic(l, i, j, "0", layer.SymbolicA[e], layer.SymbolicB[e], layer.SymbolicC[e], layer.SymbolicD[e]);
            context.Output.WriteLine("unfixed (" + l + "," + i + "," + j + "): was " + was + ", now its spline");
            Save(context, network, parse, target, null);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Records the command (and the data, when it read some) and writes the model.</summary>
    private static void Save(CliContext context, KanNetwork network, ParseResult parse, string target, string? dataset)
    {
        if (dataset is not null)
        {
            ModelRecord.Record(network, parse, dataset, double.NaN, double.NaN);
        }
        else
        {
            string? previous = network.Metadata.Find(p => p.Key == ModelRecord.HistoryKey).Value;
            ModelRecord.Set(network, ModelRecord.HistoryKey, previous is null ? ModelRecord.CommandLine(parse) : previous + " | " + ModelRecord.CommandLine(parse));
        }

        KanModel saved = ModelRecord.Save(network, target);
        context.Output.WriteLine("wrote " + target + ": " + Inspection.ModelSummary.Shape(saved));
    }
}
