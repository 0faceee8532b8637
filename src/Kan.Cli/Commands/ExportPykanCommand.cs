using System;
using System.CommandLine;
using Kan.Interop;

namespace Kan.Cli.Commands;

/// <summary><c>kan export-pykan model.kan -o PREFIX</c>: a pykan checkpoint that <c>KAN.loadckpt(PREFIX)</c> loads.</summary>
public static class ExportPykanCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "The .kan model." };
        var output = new Option<string>("--output", "-o") { Description = "The checkpoint prefix: writes PREFIX_config.yml, PREFIX_state and PREFIX_cache_data.", Required = true };
        var command = new Command("export-pykan", "Write a .kan model as a pykan " + PykanExporter.TargetPykanVersion + " checkpoint, to continue in Python with KAN.loadckpt(PREFIX).")
        {
            model,
            output,
        };

        KanCli.SetAction(command, context, parse =>
        {
            KanModel kan = InputFiles.ReadModel(parse.GetRequiredValue(model));
            string prefix = parse.GetRequiredValue(output);
            try
            {
                var files = PykanExporter.Write(kan, prefix);
                context.Output.WriteLine("wrote " + string.Join(", ", files) + " (load in Python with KAN.loadckpt('" + prefix + "'))");
            }
            catch (ArgumentException e)
            {
                throw new CliException(e.Message);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
