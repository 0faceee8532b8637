using System.CommandLine;
using System.Globalization;
using Kan.Cli.Data;
using Kan.Cli.Inspection;
using Kan.Cli.Training;
using Kan.Training;

namespace Kan.Cli.Commands;

/// <summary><c>kan prune model.kan --data ... [--node-threshold 0.01] [--edge-threshold 0.03] -o out.kan</c>: pykan <c>prune</c>.</summary>
public static class PruneCommand
{
    public static Command Create(CliContext context)
    {
        var modelPath = ModelInput.Argument("The .kan model to prune.");
        var output = new Option<string>("--output", "-o") { Description = "The .kan file to write.", Required = true };
        var nodeThreshold = new Option<double>("--node-threshold") { Description = "Hidden nodes whose attribution score is below this are removed (pykan node_th).", DefaultValueFactory = _ => 1e-2 };
        var edgeThreshold = new Option<double>("--edge-threshold") { Description = "Edges whose attribution score is below this are masked off (pykan edge_th).", DefaultValueFactory = _ => 3e-2 };
        var data = new DataOptions();
        var command = new Command("prune", "Remove unimportant hidden nodes and edges (scores from the data's activations) and print the old and new shape.") { modelPath, output, nodeThreshold, edgeThreshold };
        data.AddTo(command);

        KanCli.SetAction(command, context, parse =>
        {
            KanModel model = InputFiles.ReadModel(parse.GetRequiredValue(modelPath));
            string target = parse.GetRequiredValue(output);
            double nodeTh = parse.GetValue(nodeThreshold), edgeTh = parse.GetValue(edgeThreshold);
            if (!(nodeTh >= 0) || !(edgeTh >= 0))
            {
                throw new CliException("--node-threshold and --edge-threshold must be zero or positive", ExitCodes.Usage);
            }

            LoadedData loaded = ModelInput.Data(parse, data, model, requireLabels: false);
            OutputFiles.RequireWritable(target);
            KanNetwork network = ModelInput.Network(model).Prune(loaded.Dataset.TrainInputs, nodeTh, edgeTh);
            KanModel pruned = network.ToModel();
            context.Output.WriteLine("pruned " + ModelSummary.Shape(model) + " -> " + ModelSummary.Shape(pruned) +
                ", active edges " + ActiveEdges(model) + " -> " + ActiveEdges(pruned) +
                " (node threshold " + nodeTh.ToString(CultureInfo.InvariantCulture) + ", edge threshold " + edgeTh.ToString(CultureInfo.InvariantCulture) + ")");
            TrainingReport.MeasureRecordSave(context, network, parse, loaded, target);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Edges with a live numeric or symbolic branch (masked edges stay in the arrays, so the shape alone hides edge pruning).</summary>
    internal static int ActiveEdges(KanModel model)
    {
        int count = 0;
        foreach (KanLayer layer in model.Layers)
        {
            for (int e = 0; e < layer.Mask.Length; e++)
            {
                int i = e / layer.SubnodeCount, j = e % layer.SubnodeCount;
                if (layer.Mask[e] != 0 || System.Linq.Enumerable.Any(layer.Symbolic, s => s.Input == i && s.Output == j && s.Mask != 0))
                {
                    count++;
                }
            }
        }

        return count;
    }
}
