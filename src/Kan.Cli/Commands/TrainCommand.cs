using System;
using System.CommandLine;
using System.Linq;
using Kan.Cli.Data;
using Kan.Cli.Inspection;
using Kan.Cli.Training;
using Kan.Training;

namespace Kan.Cli.Commands;

/// <summary>
/// <c>kan train (--data train.csv --inputs x,y --outputs f | --formula NAME) [--width 2,5,1] ... -o model.kan</c>:
/// builds a network (pykan MultKAN defaults), fits it and saves it with how it was trained in the metadata.
/// </summary>
public static class TrainCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--output", "-o") { Description = "The .kan file to write.", Required = true };
        var inputs = new Option<string?>("--inputs") { Description = "With --data: the input column names, comma separated (they become the model's input names)." };
        var outputs = new Option<string?>("--outputs") { Description = "With --data: the output column names, comma separated." };
        var width = new Option<string?>("--width") { Description = "Layer widths in pykan notation, e.g. 2,5,1 or 2,[3,2],1 ([n_sum,n_mult] adds multiplication nodes); default inputs,5,outputs." };
        var grid = new Option<int>("--grid") { Description = "Grid intervals G.", DefaultValueFactory = _ => 3 };
        var k = new Option<int>("--k") { Description = "Spline order k.", DefaultValueFactory = _ => 3 };
        var seed = new Option<int>("--seed") { Description = "Seed of the initial noise and scales.", DefaultValueFactory = _ => 1 };
        var normalize = new Option<bool>("--normalize-inputs") { Description = "Standardise every input column (mean 0, std 1 on the training rows); stored in the model, so it takes raw inputs." };
        var data = new DataOptions();
        var fit = new FitOptionSet(defaultSteps: 100);
        var command = new Command("train", "Train a new KAN on a CSV file or a built-in formula and save it as a .kan model.") { output, inputs, outputs, width, grid, k, seed, normalize };
        data.AddTo(command);
        fit.AddTo(command);

        KanCli.SetAction(command, context, parse =>
        {
            string target = parse.GetRequiredValue(output);
            FitOptions options = fit.Read(parse);
            LoadedData loaded = LoadData(parse, data, inputs, outputs);
            Dataset dataset = loaded.Dataset;
            LayerWidth[] widths = Widths(parse.GetValue(width), dataset);
            int g = parse.GetValue(grid), order = parse.GetValue(k);
            if (g < 1 || order < 1)
            {
                throw new CliException("--grid and --k must be at least 1", ExitCodes.Usage);
            }

            OutputFiles.RequireWritable(target);
            var network = new KanNetwork(widths, new KanNetworkOptions { Grid = g, K = order, Seed = parse.GetValue(seed) })
            {
                InputNames = dataset.InputNames,
                OutputNames = dataset.OutputNames,
            };
            if (parse.GetValue(normalize))
            {
                var (scale, bias) = dataset.InputNormalization();
                network.SetInputNormalization(scale, bias);
            }

            context.Output.WriteLine("training " + WidthSyntax.Format(widths) + " (G=" + g + ", k=" + order + ") on " + loaded.Description);
            FitRunner.Fit(context, network, dataset, options);
            double train = ModelRecord.Rmse(network, dataset.TrainInputs, dataset.TrainLabels);
            double test = ModelRecord.Rmse(network, dataset.TestInputs, dataset.TestLabels);
            ModelRecord.Record(network, parse, loaded.Description, train, test);
            KanModel model = ModelRecord.Save(network, target);
            context.Output.WriteLine("train rmse " + FitRunner.Number(train) + ", test rmse " + FitRunner.Number(test));
            context.Output.WriteLine("wrote " + target + ": " + ModelSummary.Shape(model) + ", inputs " + string.Join(", ", model.InputNames) + ", outputs " + string.Join(", ", model.OutputNames));
            return ExitCodes.Success;
        });
        return command;
    }

    private static LoadedData LoadData(ParseResult parse, DataOptions data, Option<string?> inputs, Option<string?> outputs)
    {
        CatalogFormula? formula = data.SelectedFormula(parse);
        if (formula is not null)
        {
            if (parse.GetValue(inputs) is not null || parse.GetValue(outputs) is not null)
            {
                throw new CliException("--inputs and --outputs name CSV columns; a --formula names its own variables (" + string.Join(", ", formula.Inputs) + " -> " + formula.Output + ")", ExitCodes.Usage);
            }

            return DataOptions.FromFormula(formula, parse.GetValue(data.TrainCount), parse.GetValue(data.TestCount), parse.GetValue(data.DataSeed), formula.Inputs, new[] { formula.Output });
        }

        string[] inNames = Names(parse.GetValue(inputs), "--inputs");
        string[] outNames = Names(parse.GetValue(outputs), "--outputs");
        string? both = inNames.Intersect(outNames).FirstOrDefault();
        if (both is not null)
        {
            throw new CliException("the column '" + both + "' is named as both an input and an output", ExitCodes.Usage);
        }

        return data.Load(parse, inNames, outNames, requireLabels: true);
    }

    private static string[] Names(string? list, string option)
    {
        if (list is null)
        {
            throw new CliException("training on --data needs " + option + " naming the columns, e.g. --inputs x,y --outputs f", ExitCodes.Usage);
        }

        string[] names = list.Split(',').Select(n => n.Trim()).ToArray();
        if (names.Any(n => n.Length == 0) || names.Distinct().Count() != names.Length)
        {
            throw new CliException(option + " '" + list + "' must list distinct, non-empty column names separated by commas", ExitCodes.Usage);
        }

        return names;
    }

    private static LayerWidth[] Widths(string? text, Dataset dataset)
    {
        if (text is null)
        {
            return new LayerWidth[] { dataset.InputCount, 5, dataset.OutputCount };
        }

        LayerWidth[] widths = WidthSyntax.Parse(text);
        if (widths[0].Nodes != dataset.InputCount || widths[widths.Length - 1].Nodes != dataset.OutputCount)
        {
            throw new CliException("--width " + WidthSyntax.Format(widths) + " has " + widths[0].Nodes + " input(s) and " + widths[widths.Length - 1].Nodes +
                " output(s) but the data has " + dataset.InputCount + " (" + string.Join(", ", dataset.InputNames) + ") and " + dataset.OutputCount + " (" + string.Join(", ", dataset.OutputNames) + ")");
        }

        return widths;
    }
}
