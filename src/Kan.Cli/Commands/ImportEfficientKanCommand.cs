using System.CommandLine;
using Kan.Interop;

namespace Kan.Cli.Commands;

/// <summary><c>kan import-efficient-kan model.pt -o model.kan</c>: an efficient-kan state dict, read without Python, to a .kan model.</summary>
public static class ImportEfficientKanCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The file written by torch.save(model.state_dict(), PATH) for an efficient-kan KAN." };
        var output = new Option<string>("--output", "-o") { Description = "The .kan file to write.", Required = true };
        var baseFunction = new Option<string>("--base")
        {
            Description = "The layers' base_activation, which the state dict does not store (efficient-kan's default is SiLU).",
            DefaultValueFactory = _ => "silu",
        };
        baseFunction.AcceptOnlyFromAmong("silu", "identity", "zero");
        var inputs = new Option<string?>("--inputs") { Description = "Input names, comma separated (default x1, x2, ...)." };
        var outputs = new Option<string?>("--outputs") { Description = "Output names, comma separated (default y1, y2, ...)." };
        var command = new Command("import-efficient-kan", "Convert an efficient-kan state dict into a .kan file that computes exactly what its forward pass computes.")
        {
            file,
            output,
            baseFunction,
            inputs,
            outputs,
        };

        KanCli.SetAction(command, context, parse =>
        {
            string source = parse.GetRequiredValue(file);
            InputFiles.RequireFile(source);
            var options = new EfficientKanImportOptions
            {
                BaseFunction = BaseFunctions.TryParse(parse.GetRequiredValue(baseFunction), out BaseFunction b) ? b : BaseFunction.Silu,
                InputNames = ImportReport.Names(parse.GetValue(inputs), "--inputs"),
                OutputNames = ImportReport.Names(parse.GetValue(outputs), "--outputs"),
            };
            PykanImport import = ImportReport.Run(() => EfficientKanImporter.Import(source, options));
            return ImportReport.Write(context, import, parse.GetRequiredValue(output));
        });
        return command;
    }
}
