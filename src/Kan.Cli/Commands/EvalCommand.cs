using System.CommandLine;
using System.IO;
using System.Text;
using Kan.Cli.Csv;
using Kan.Evaluation;

namespace Kan.Cli.Commands;

/// <summary><c>kan eval model.kan --input in.csv [--output out.csv] [--no-header]</c>: evaluates every row.</summary>
public static class EvalCommand
{
    public static Command Create(CliContext context)
    {
        var modelPath = new Argument<string>("model") { Description = "The .kan model to evaluate." };
        var input = new Option<string>("--input", "-i") { Description = "CSV of inputs; its header names the model's inputs (any order, extra columns ignored).", Required = true };
        var output = new Option<string?>("--output", "-o") { Description = "CSV to write, headed by the output names (default: standard output)." };
        var noHeader = new Option<bool>("--no-header") { Description = "The input CSV has no header row: its columns are the model's inputs in order." };
        var command = new Command("eval", "Evaluate a .kan model on every row of a CSV file.")
        {
            modelPath,
            input,
            output,
            noHeader,
        };

        KanCli.SetAction(command, context, parse =>
        {
            string? outputPath = parse.GetValue(output);
            if (outputPath is not null)
            {
                OutputFiles.RequireWritable(outputPath);
            }

            KanModel model = InputFiles.ReadModel(parse.GetRequiredValue(modelPath));
            string inputPath = parse.GetRequiredValue(input);
            double[] inputs = InputTable.Read(InputFiles.ReadText(inputPath), inputPath, model.InputNames, !parse.GetValue(noHeader), out int rows);
            var outputs = new double[rows * model.OutputCount];
            new KanEvaluator(model).EvaluateBatch(inputs, outputs);

            // The whole result is formatted before anything is written, so a failure never leaves half a file.
            var text = new StringWriter(new StringBuilder(), System.Globalization.CultureInfo.InvariantCulture);
            CsvWriter.WriteRecord(text, model.OutputNames);
            var row = new string[model.OutputCount];
            for (int r = 0; r < rows; r++)
            {
                for (int o = 0; o < row.Length; o++)
                {
                    row[o] = CsvWriter.FormatNumber(outputs[r * row.Length + o]);
                }

                CsvWriter.WriteRecord(text, row);
            }

            if (outputPath is null)
            {
                context.Output.Write(text.ToString());
            }
            else
            {
                OutputFiles.WriteAtomic(outputPath, text.ToString());
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
