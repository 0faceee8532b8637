using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using Kan.Cli.Csv;
using Kan.Training;

namespace Kan.Cli.Data;

/// <summary>
/// The options every command that reads data shares: <c>--data FILE.csv</c> (columns matched by name) or
/// <c>--formula NAME</c> from <see cref="FormulaCatalog"/>, and how rows split into train and test sets.
/// </summary>
public sealed class DataOptions
{
    public Option<string?> Data { get; } = new("--data") { Description = "CSV with a header row; columns are matched by name (the model's input and output names)." };

    public Option<string?> Formula { get; } = new("--formula") { Description = "Sample a built-in formula instead of reading a CSV: " + string.Join(", ", FormulaCatalog.All.Select(f => f.Name)) + "." };

    public Option<string?> Test { get; } = new("--test") { Description = "CSV of test rows (same columns as --data); without it, --test-fraction of the --data rows are held out." };

    public Option<double> TestFraction { get; } = new("--test-fraction") { Description = "Share of the shuffled --data rows held out for testing (0 tests on the training rows).", DefaultValueFactory = _ => 0.2 };

    public Option<int> TrainCount { get; } = new("--train-count") { Description = "Training rows sampled from --formula.", DefaultValueFactory = _ => 1000 };

    public Option<int> TestCount { get; } = new("--test-count") { Description = "Test rows sampled from --formula.", DefaultValueFactory = _ => 1000 };

    public Option<int> DataSeed { get; } = new("--data-seed") { Description = "Seed of the --formula sampling and of the --data shuffle (the same seed gives the same rows in every command).", DefaultValueFactory = _ => 0 };

    public void AddTo(Command command)
    {
        command.Add(Data);
        command.Add(Formula);
        command.Add(Test);
        command.Add(TestFraction);
        command.Add(TrainCount);
        command.Add(TestCount);
        command.Add(DataSeed);
    }

    /// <summary>The formula the command line names, or null for CSV data (then exactly one of the two must be given).</summary>
    public CatalogFormula? SelectedFormula(ParseResult parse)
    {
        string? data = parse.GetValue(Data), formula = parse.GetValue(Formula);
        if (data is not null && formula is not null)
        {
            throw new CliException("give either --data or --formula, not both", ExitCodes.Usage);
        }

        if (data is null && formula is null)
        {
            throw new CliException("this command needs data: --data FILE.csv or --formula NAME (" + string.Join(", ", FormulaCatalog.All.Select(f => f.Name)) + ")", ExitCodes.Usage);
        }

        // Options that only one kind of data reads: given with the other, they would be silently ignored.
        if (formula is not null)
        {
            Reject(parse, Test, "--formula samples its own test rows (--test-count)");
            Reject(parse, TestFraction, "--formula samples its own test rows (--test-count)");
        }
        else
        {
            Reject(parse, TrainCount, "they size the rows sampled from --formula; --data rows are split by --test or --test-fraction");
            Reject(parse, TestCount, "they size the rows sampled from --formula; --data rows are split by --test or --test-fraction");
            if (Given(parse, Test) && Given(parse, TestFraction))
            {
                throw new CliException("give either --test or --test-fraction, not both", ExitCodes.Usage);
            }
        }

        return formula is null ? null : FormulaCatalog.Get(formula);
    }

    /// <summary>True when the user typed <paramref name="option"/> (not just its default).</summary>
    public static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    private static void Reject(ParseResult parse, Option option, string why)
    {
        if (Given(parse, option))
        {
            throw new CliException(option.Name + " does not apply here: " + why, ExitCodes.Usage);
        }
    }

    /// <summary>
    /// Reads the rows for a model with the given input and output names. A formula must have as many variables as
    /// the model has inputs (they are matched by position, so a model with inputs x1, x2 can be fed <c>toy</c>).
    /// A CSV must have every input column; the output columns are needed only when <paramref name="requireLabels"/>.
    /// </summary>
    public LoadedData Load(ParseResult parse, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, bool requireLabels)
    {
        CatalogFormula? formula = SelectedFormula(parse);
        int seed = parse.GetValue(DataSeed);
        if (formula is not null)
        {
            if (formula.Inputs.Length != inputs.Count)
            {
                throw new CliException("the model reads " + inputs.Count + " input(s) (" + string.Join(", ", inputs) + ") but formula " + formula.Name + " has " +
                    formula.Inputs.Length + " variable(s) (" + string.Join(", ", formula.Inputs) + ")");
            }

            bool labels = outputs.Count == 1;
            if (!labels && requireLabels)
            {
                throw new CliException("the model computes " + outputs.Count + " outputs (" + string.Join(", ", outputs) + ") but formula " + formula.Name + " has one");
            }

            return FromFormula(formula, parse.GetValue(TrainCount), parse.GetValue(TestCount), seed, inputs.ToArray(), labels ? outputs.ToArray() : Array.Empty<string>());
        }

        string path = parse.GetValue(Data)!;
        string text = InputFiles.ReadText(path);
        string hint = "expected the columns " + string.Join(", ", inputs.Concat(outputs));
        List<string> missingOutputs = MissingColumns(text, path, outputs, "expected a header row naming the columns " + string.Join(", ", inputs.Concat(outputs)));
        bool hasLabels = outputs.Count > 0 && missingOutputs.Count == 0;
        string[] names = hasLabels ? inputs.Concat(outputs).ToArray() : inputs.ToArray();
        if (!hasLabels && requireLabels && missingOutputs.Count > 0)
        {
            throw new CliException(path + "(line 1): the header lacks the output column(s) " + string.Join(", ", missingOutputs) + "; " + hint);
        }

        double[] rows = InputTable.Read(text, path, names, hasHeader: true, out int count, hint);
        RequireFinite(rows, names, path);

        string? testPath = parse.GetValue(Test);
        double[] train, test;
        int trainRows, testRows;
        string split;
        if (testPath is not null)
        {
            test = InputTable.Read(InputFiles.ReadText(testPath), testPath, names, hasHeader: true, out testRows, hint);
            RequireFinite(test, names, testPath);
            train = rows;
            trainRows = count;
            split = trainRows + " train rows, " + testRows + " test rows from " + testPath;
        }
        else
        {
            double fraction = parse.GetValue(TestFraction);
            if (!(fraction >= 0 && fraction < 1))
            {
                throw new CliException("--test-fraction must be at least 0 and below 1, not " + fraction.ToString(CultureInfo.InvariantCulture), ExitCodes.Usage);
            }

            Shuffle(rows, names.Length, count, seed);
            testRows = (int)Math.Round(count * fraction);
            trainRows = count - testRows;
            train = rows.Take(trainRows * names.Length).ToArray();
            test = rows.Skip(trainRows * names.Length).ToArray();
            split = trainRows + " train / " + testRows + " test rows (shuffled, seed " + seed + ")";
            if (testRows == 0)
            {
                // No held-out rows: report the training error as the test error rather than an empty mean.
                test = train;
                testRows = trainRows;
                split = trainRows + " rows, tested on the training rows";
            }
        }

        int nIn = inputs.Count, nOut = hasLabels ? outputs.Count : 0;
        var dataset = new Dataset(
            Columns(train, trainRows, names.Length, 0, nIn), Columns(train, trainRows, names.Length, nIn, nOut),
            Columns(test, testRows, names.Length, 0, nIn), Columns(test, testRows, names.Length, nIn, nOut),
            inputs.ToArray(), hasLabels ? outputs.ToArray() : Array.Empty<string>());
        return new LoadedData(dataset, "csv " + path + ": " + split, hasLabels);
    }

    /// <summary>pykan <c>create_dataset</c> over the formula's ranges; the variables are named <paramref name="inputs"/>.</summary>
    public static LoadedData FromFormula(CatalogFormula formula, int trainCount, int testCount, int seed, string[] inputs, string[] outputs)
    {
        if (trainCount < 1 || testCount < 1)
        {
            throw new CliException("--train-count and --test-count must be at least 1", ExitCodes.Usage);
        }

        Dataset sampled = Dataset.FromFunction(formula.Function, formula.Inputs.Length, formula.Ranges, trainCount, testCount, seed);
        Dataset dataset = outputs.Length == 0
            ? new Dataset(sampled.TrainInputs, new double[trainCount, 0], sampled.TestInputs, new double[testCount, 0], inputs, outputs)
            : new Dataset(sampled.TrainInputs, sampled.TrainLabels, sampled.TestInputs, sampled.TestLabels, inputs, outputs);
        string description = "formula " + formula.Describe() + ", " + trainCount + " train / " + testCount + " test rows, seed " + seed;
        return new LoadedData(dataset, description, outputs.Length > 0);
    }

    /// <summary>The names the header row lacks; an empty file is an error of its own (it has no header to lack them).</summary>
    private static List<string> MissingColumns(string text, string path, IReadOnlyList<string> names, string hint)
    {
        List<CsvRecord> records = CsvReader.Parse(text, path);
        if (records.Count == 0)
        {
            throw new CliException(path + " is empty; " + hint);
        }

        var header = new HashSet<string>(records[0].Fields.Select(f => f.Trim()));
        return names.Where(n => !header.Contains(n)).ToList();
    }

    /// <summary>NaN or infinite cells would make every loss NaN; say where the first one is instead.</summary>
    private static void RequireFinite(double[] rows, string[] names, string path)
    {
        for (int n = 0; n < rows.Length; n++)
        {
            if (double.IsNaN(rows[n]) || double.IsInfinity(rows[n]))
            {
                throw new CliException(path + ": data row " + (n / names.Length + 1) + ", column '" + names[n % names.Length] + "' is " +
                    rows[n].ToString(CultureInfo.InvariantCulture) + "; training data must be finite numbers");
            }
        }
    }

    /// <summary>Fisher–Yates over whole rows of a row-major matrix.</summary>
    private static void Shuffle(double[] rows, int width, int count, int seed)
    {
        var random = new Random(seed);
        var tmp = new double[width];
        for (int r = count - 1; r > 0; r--)
        {
            int s = random.Next(r + 1);
            Array.Copy(rows, r * width, tmp, 0, width);
            Array.Copy(rows, s * width, rows, r * width, width);
            Array.Copy(tmp, 0, rows, s * width, width);
        }
    }

    private static double[,] Columns(double[] rows, int count, int width, int first, int take)
    {
        var m = new double[count, take];
        for (int r = 0; r < count; r++)
        {
            for (int c = 0; c < take; c++)
            {
                m[r, c] = rows[r * width + first + c];
            }
        }

        return m;
    }
}
