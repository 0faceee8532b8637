using System.CommandLine;
using Kan.Interop;

namespace Kan.Cli.Commands;

/// <summary>
/// <c>kan import-pykan PATH -o model.kan</c>: a pykan checkpoint (prefix, either of its files, or an auto_save
/// folder), read without Python, or a pykan-dump/1 JSON file (tools/export_pykan.py), to a .kan model.
/// </summary>
public static class ImportPykanCommand
{
    public static Command Create(CliContext context)
    {
        var path = new Argument<string>("path")
        {
            Description = "A pykan checkpoint: the prefix given to saveckpt (PATH_config.yml + PATH_state), either of those files, or an auto_save folder " +
                          "such as ./model; or a pykan-dump/1 JSON written by tools/export_pykan.py.",
        };
        var output = new Option<string>("--output", "-o") { Description = "The .kan file to write.", Required = true };
        var version = new Option<string?>("--version") { Description = "In an auto_save folder, the version to read (e.g. 0.3); default the newest in history.txt." };
        var inputId = new Option<string?>("--input-id") { Description = "pykan's input_id after prune_input, which checkpoints do not store: the caller's column of each first-layer input, e.g. 0,2." };
        var inputCount = new Option<int?>("--input-count") { Description = "With --input-id: how many columns the caller passes; default the largest id + 1." };
        var command = new Command("import-pykan", "Convert a pykan model (a checkpoint or an exported dump) into a .kan file that computes exactly what pykan's model(x) computes.")
        {
            path,
            output,
            version,
            inputId,
            inputCount,
        };

        KanCli.SetAction(command, context, parse =>
        {
            string source = parse.GetRequiredValue(path);
            var options = new PykanImportOptions
            {
                Version = parse.GetValue(version),
                InputIds = ImportReport.Ints(parse.GetValue(inputId), "--input-id"),
                InputCount = parse.GetValue(inputCount),
            };
            PykanImport import = ImportReport.Run(() => PykanImporter.Import(source, options));
            return ImportReport.Write(context, import, parse.GetRequiredValue(output));
        });
        return command;
    }
}
