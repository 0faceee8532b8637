using System.CommandLine;
using Kan.Cli.Inspection;
using Kan.Format;
using Kan.Interop;

namespace Kan.Cli.Commands;

/// <summary><c>kan import-pykan dump.json -o model.kan</c>: a pykan-dump/1 file (tools/export_pykan.py) to a .kan model.</summary>
public static class ImportPykanCommand
{
    public static Command Create(CliContext context)
    {
        var dump = new Argument<string>("dump") { Description = "The pykan-dump/1 JSON written by tools/export_pykan.py." };
        var output = new Option<string>("--output", "-o") { Description = "The .kan file to write.", Required = true };
        var command = new Command("import-pykan", "Convert a model exported from pykan into a .kan file that computes exactly what pykan's model(x) computes.")
        {
            dump,
            output,
        };

        KanCli.SetAction(command, context, parse =>
        {
            string source = parse.GetRequiredValue(dump);
            string target = parse.GetRequiredValue(output);
            OutputFiles.RequireWritable(target);
            KanModel model = PykanImporter.Parse(InputFiles.ReadText(source), source);
            OutputFiles.Write(target, path => KanFile.Write(model, path));
            context.Output.WriteLine("wrote " + target + ": " + ModelSummary.Shape(model) + ", " + model.InputCount + " input(s), " + model.OutputCount + " output(s)");
            return ExitCodes.Success;
        });
        return command;
    }
}
