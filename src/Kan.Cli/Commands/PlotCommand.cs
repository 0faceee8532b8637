using System.CommandLine;
using System.Linq;
using Kan.Cli.Data;
using Kan.Cli.Training;
using Kan.Plotting;

namespace Kan.Cli.Commands;

/// <summary><c>kan plot model.kan -o net.svg [--data ...] [--title ...]</c>: pykan-style picture of the network.</summary>
public static class PlotCommand
{
    public static Command Create(CliContext context)
    {
        var modelPath = new Argument<string>("model") { Description = "The .kan model." };
        var output = new Option<string>("--output", "-o") { Description = "The .svg file to write.", Required = true };
        var title = new Option<string?>("--title") { Description = "A title drawn above the network." };
        var data = new DataOptions();
        var command = new Command("plot", "Draw the network as SVG: every edge's activation curve, opacity by importance, symbolic edges in red. With data, curves span the data's range and importance comes from it.") { modelPath, output, title };
        data.AddTo(command);

        KanCli.SetAction(command, context, parse =>
        {
            KanModel model = InputFiles.ReadModel(parse.GetRequiredValue(modelPath));
            string target = parse.GetRequiredValue(output);
            double[][]? samples = null;
            if (parse.GetValue(data.Data) is not null || parse.GetValue(data.Formula) is not null)
            {
                double[,] x = ModelInput.Data(parse, data, model, requireLabels: false).Dataset.TrainInputs;
                samples = Enumerable.Range(0, x.GetLength(0)).Select(r => Enumerable.Range(0, x.GetLength(1)).Select(c => x[r, c]).ToArray()).ToArray();
            }

            OutputFiles.RequireWritable(target);
            string svg = NetworkPlot.ToSvg(model, samples, new PlotOptions { Title = parse.GetValue(title) });
            OutputFiles.WriteAtomic(target, svg);
            context.Output.WriteLine("wrote " + target);
            return ExitCodes.Success;
        });
        return command;
    }
}
