using System.CommandLine;
using Kan.Cli.Inspection;

namespace Kan.Cli.Commands;

/// <summary><c>kan inspect model.kan</c>: shape, per-layer grid facts, symbolic edges, names and metadata.</summary>
public static class InspectCommand
{
    public static Command Create(CliContext context)
    {
        var modelPath = new Argument<string>("model") { Description = "The .kan model to describe." };
        var command = new Command("inspect", "Describe a .kan model: shape, grids, parameters, symbolic and masked edges, names, metadata.")
        {
            modelPath,
        };

        KanCli.SetAction(command, context, parse =>
        {
            string path = parse.GetRequiredValue(modelPath);
            KanModel model = InputFiles.ReadModel(path);
            ModelReport.Write(context.CreateConsole(), path, model);
            return ExitCodes.Success;
        });
        return command;
    }
}
