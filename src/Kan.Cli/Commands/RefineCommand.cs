using System.CommandLine;
using Kan.Cli.Data;
using Kan.Cli.Inspection;
using Kan.Cli.Training;
using Kan.Training;

namespace Kan.Cli.Commands;

/// <summary><c>kan refine model.kan --grid 10 --data ... [--steps N] -o out.kan</c>: pykan <c>refine</c> to a finer grid, then an optional fit.</summary>
public static class RefineCommand
{
    public static Command Create(CliContext context)
    {
        var modelPath = ModelInput.Argument("The .kan model to refine.");
        var grid = new Option<int>("--grid") { Description = "The new number of grid intervals G.", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "The .kan file to write.", Required = true };
        var data = new DataOptions();
        var fit = new FitOptionSet(defaultSteps: 0);
        var command = new Command("refine", "Move a model to a finer grid (least-squares fit of its splines on the data's activations), then optionally train it.") { modelPath, grid, output };
        data.AddTo(command);
        fit.AddTo(command);

        KanCli.SetAction(command, context, parse =>
        {
            KanModel model = InputFiles.ReadModel(parse.GetRequiredValue(modelPath));
            string target = parse.GetRequiredValue(output);
            int g = parse.GetValue(grid);
            if (g < 1)
            {
                throw new CliException("--grid must be at least 1", ExitCodes.Usage);
            }

            FitOptions options = fit.Read(parse);
            LoadedData loaded = ModelInput.Data(parse, data, model, requireLabels: options.Steps > 0);
            OutputFiles.RequireWritable(target);
            KanNetwork network = ModelInput.Network(model).Refine(g, loaded.Dataset.TrainInputs);
            context.Output.WriteLine("refined " + ModelSummary.Shape(model) + " from G=" + model.Layers[0].GridIntervals + " to G=" + g);
            if (options.Steps > 0)
            {
                FitRunner.Fit(context, network, loaded.Dataset, options);
            }

            TrainingReport.MeasureRecordSave(context, network, parse, loaded, target);
            return ExitCodes.Success;
        });
        return command;
    }
}
