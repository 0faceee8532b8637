using System.CommandLine;
using System.Globalization;
using System.Linq;
using Kan.Cli.Data;
using Kan.Cli.Training;
using Kan.Training;
using Spectre.Console;

namespace Kan.Cli.Commands;

/// <summary><c>kan attribute MODEL --data ...</c>: pykan's <c>attribute()</c> feature scores, one per input.</summary>
public static class AttributeCommand
{
    public static Command Create(CliContext context)
    {
        var modelPath = ModelInput.Argument("The .kan model to score.");
        var data = new DataOptions();
        var command = new Command("attribute", "Print pykan's attribution score (feature_score) of every input, on the training rows of the data.") { modelPath };
        data.AddTo(command);

        KanCli.SetAction(command, context, parse =>
        {
            KanModel model = InputFiles.ReadModel(parse.GetRequiredValue(modelPath));
            LoadedData loaded = ModelInput.Data(parse, data, model, requireLabels: false);
            KanNetwork network = ModelInput.Network(model);
            AttributionScores scores = network.Attribute(loaded.Dataset.TrainInputs);

            // Scores belong to the network's inputs; after prune_input those are a subset of the caller's columns.
            context.Output.WriteLine("pykan attribute() on " + loaded.Dataset.TrainInputs.GetLength(0) + " training rows");
            var table = new Table().Border(TableBorder.Simple).Title("Feature scores");
            table.AddColumn("input");
            table.AddColumn("score");
            table.AddColumn("rank");
            int[] order = Enumerable.Range(0, scores.Inputs.Length).OrderByDescending(i => scores.Inputs[i]).ToArray();
            for (int i = 0; i < scores.Inputs.Length; i++)
            {
                string name = network.InputNames[network.InputIds[i]];
                table.AddRow(new Text(name), new Text(scores.Inputs[i].ToString("G6", CultureInfo.InvariantCulture)), new Text((System.Array.IndexOf(order, i) + 1).ToString(CultureInfo.InvariantCulture)));
            }

            context.CreateConsole().Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
