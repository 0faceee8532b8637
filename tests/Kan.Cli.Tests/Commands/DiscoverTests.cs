using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Kan.Evaluation;
using Kan.Format;

namespace Kan.Cli.Tests.Commands;

/// <summary><c>kan discover</c>: the output contract, the written model, and one-line errors for bad input.</summary>
public class DiscoverTests
{
    private static string Csv(Func<double, double> f, int rows, string header = "t,y")
    {
        var random = new Random(7);
        var text = new StringBuilder(header + "\n");
        for (int r = 0; r < rows; r++)
        {
            double t = 2 * random.NextDouble();
            text.Append(t.ToString("R", CultureInfo.InvariantCulture)).Append(',').Append(f(t).ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        return text.ToString();
    }

    [Fact]
    public void Discovers_a_formula_from_a_csv_and_writes_a_model_that_computes_it()
    {
        using var cli = new CliRunner();
        string data = cli.Write("decay.csv", Csv(t => 2.5 * Math.Exp(-1.5 * t) + 1.0, 100));
        string model = cli.PathOf("decay.kan");

        CliRunner.Result r = cli.Run("discover", "--data", data, "-o", model);

        r.ExitCode.ShouldBe(0, r.Stderr);
        r.Stderr.ShouldContain("discover: stage 1/");
        string[] lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("Pareto front");
        Match last = Regex.Match(lines[^1], @"^formula=(\S+) complexity=(\d+) validation_rmse=(\S+) seconds=(\S+)$");
        last.Success.ShouldBeTrue(lines[^1]);
        last.Groups[1].Value.ShouldContain("exp(");
        double.Parse(last.Groups[3].Value, CultureInfo.InvariantCulture).ShouldBeLessThan(1e-6);

        KanModel written = KanFile.Read(model);
        written.InputNames.ShouldBe(new[] { "t" });
        written.OutputNames.ShouldBe(new[] { "y" });
        written.Metadata.ShouldContain(p => p.Key == "formula");
        var evaluator = new KanEvaluator(written);
        foreach (double t in new[] { 0.0, 0.3, 1.1, 1.9 })
        {
            evaluator.Evaluate(new[] { t })[0].ShouldBe(2.5 * Math.Exp(-1.5 * t) + 1.0, 1e-5);
        }
    }

    [Fact]
    public void Bad_input_gets_one_line_errors()
    {
        using var cli = new CliRunner();
        string good = cli.Write("good.csv", Csv(t => t * t, 40));
        string model = cli.PathOf("m.kan");
        cli.Run("discover", "--data", cli.PathOf("missing.csv"), "-o", model).ShouldFailWith(ExitCodes.BadInput, "missing.csv");
        cli.Run("discover", "--data", good, "--target", "z", "-o", model).ShouldFailWith(ExitCodes.BadInput, "no column 'z' for --target; the columns are t, y");
        cli.Run("discover", "--data", cli.Write("few.csv", Csv(t => t, 12)), "-o", model).ShouldFailWith(ExitCodes.BadInput, "has 12 data row(s); discovery needs at least 20");
        cli.Run("discover", "--data", cli.Write("flat.csv", Csv(t => 3, 40)), "-o", model).ShouldFailWith(ExitCodes.BadInput, "the target 'y' is constant");
        cli.Run("discover", "--data", cli.Write("one.csv", "y\n1\n2\n"), "-o", model).ShouldFailWith(ExitCodes.BadInput, "expected at least two columns");
        cli.Run("discover", "--data", cli.Write("nan.csv", Csv(t => t, 30) + "0.5,NaN\n"), "-o", model).ShouldFailWith(ExitCodes.BadInput, "data row 31, column 'y' is NaN");
        cli.Run("discover", "--data", cli.Write("text.csv", "t,y\n1,abc\n"), "-o", model).ShouldFailWith(ExitCodes.BadInput, "text.csv(line 2, column 2 'y'): 'abc' is not a number");
        cli.Run("discover", "--data", good, "--lib", "sin,nope", "-o", model).ShouldFailWith(ExitCodes.Usage, "unknown symbolic function 'nope' in --lib");
        cli.Run("discover", "--data", good, "--time-limit", "0", "-o", model).ShouldFailWith(ExitCodes.Usage, "--time-limit must be a positive number of seconds");
        cli.Run("discover", "--data", good, "-o", cli.PathOf("no/such/dir/m.kan")).ShouldFailWith(ExitCodes.BadInput, "does not exist");
        cli.Run("discover", "-o", model).ShouldFailWith(ExitCodes.Usage, "--data");
        File.Exists(model).ShouldBeFalse();
    }
}
