using System.CommandLine;
using Kan.Cli.Data;
using Kan.Cli.Inspection;
using Kan.Training;

namespace Kan.Cli.Training;

/// <summary>The common end of the commands that change a model: measure the errors, record, save, say what was written.</summary>
public static class TrainingReport
{
    public static KanModel MeasureRecordSave(CliContext context, KanNetwork network, ParseResult parse, LoadedData loaded, string target)
    {
        double train = double.NaN, test = double.NaN;
        if (loaded.HasLabels)
        {
            train = ModelRecord.Rmse(network, loaded.Dataset.TrainInputs, loaded.Dataset.TrainLabels);
            test = ModelRecord.Rmse(network, loaded.Dataset.TestInputs, loaded.Dataset.TestLabels);
            context.Output.WriteLine("train rmse " + FitRunner.Number(train) + ", test rmse " + FitRunner.Number(test));
        }

        ModelRecord.Record(network, parse, loaded.Description, train, test);
        KanModel model = ModelRecord.Save(network, target);
        context.Output.WriteLine("wrote " + target + ": " + ModelSummary.Shape(model));
        return model;
    }
}
