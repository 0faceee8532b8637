using System.CommandLine;
using Kan.Cli.Data;
using Kan.Cli.Training;
using Kan.Training;

namespace Kan.Cli.Commands;

/// <summary><c>kan fit MODEL --data ... -o OUT</c>: continue training a saved model (pykan's repeated <c>model.fit</c>) with <c>train</c>'s fit options.</summary>
public static class FitCommand
{
    public static Command Create(CliContext context)
    {
        var modelPath = ModelInput.Argument("The .kan model to train further.");
        var output = new Option<string>("--output", "-o") { Description = "The .kan file to write.", Required = true };
        var data = new DataOptions();
        var fit = new FitOptionSet(defaultSteps: 100);
        var command = new Command("fit", "Continue training a saved model on a CSV file or a built-in formula (the same fit options as train).") { modelPath, output };
        data.AddTo(command);
        fit.AddTo(command);

        KanCli.SetAction(command, context, parse =>
        {
            KanModel model = InputFiles.ReadModel(parse.GetRequiredValue(modelPath));
            string target = parse.GetRequiredValue(output);
            FitOptions options = fit.Read(parse);
            LoadedData loaded = ModelInput.Data(parse, data, model, requireLabels: true);
            OutputFiles.RequireWritable(target);
            KanNetwork network = ModelInput.Network(model);
            context.Output.WriteLine("training " + Inspection.ModelSummary.Shape(model) + " further on " + loaded.Description);
            FitRunner.Fit(context, network, loaded.Dataset, options);
            TrainingReport.MeasureRecordSave(context, network, parse, loaded, target);
            return ExitCodes.Success;
        });
        return command;
    }
}
