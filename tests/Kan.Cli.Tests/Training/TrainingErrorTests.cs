using System.IO;
using System.Linq;

namespace Kan.Cli.Tests.Training;

/// <summary>Every bad input to the training commands gives one "kan: error: " line naming the problem, before any work is done.</summary>
public class TrainingErrorTests
{
    [Theory]
    [InlineData("unknown formula 'nope'; the catalog has toy, xy, drag", "--formula", "nope")]
    [InlineData("bad --width '2,x,1': 'x' is not a positive whole number", "--formula", "toy", "--width", "2,x,1")]
    [InlineData("bad --width '2,[3],1': a layer with multiplication nodes is [n_sum,n_mult]", "--formula", "toy", "--width", "2,[3],1")]
    [InlineData("bad --width '2': a network needs at least an input and an output width", "--formula", "toy", "--width", "2")]
    [InlineData("bad --width '[1,1],5,1': the input layer cannot have multiplication nodes", "--formula", "toy", "--width", "[1,1],5,1")]
    [InlineData("--width [3,5,1] has 3 input(s) and 1 output(s) but the data has 2 (x, y) and 1 (f)", "--formula", "toy", "--width", "3,5,1")]
    [InlineData("--inputs and --outputs name CSV columns; a --formula names its own variables (speed, altitude -> drag)", "--formula", "drag", "--inputs", "a")]
    public void Train_rejects_bad_input(string expected, params string[] options)
    {
        using var cli = new CliRunner();
        string[] args = new[] { "train", "-o", cli.PathOf("m.kan") }.Concat(options);
        // Whatever the command line alone gets wrong is a usage error; a clash with the data's columns is bad input.
        int code = expected.Contains("but the data has", System.StringComparison.Ordinal) ? ExitCodes.BadInput : ExitCodes.Usage;
        cli.Run(args).ShouldFailWith(code, expected);
        File.Exists(cli.PathOf("m.kan")).ShouldBeFalse();
    }

    /// <summary>Malformed or out-of-range option values and options that would be silently ignored are usage errors (exit 2).</summary>
    [Theory]
    [InlineData("bad --width 'abc'", "train", "--formula", "toy", "--width", "abc")]
    [InlineData("bad --width '3,0,1': '0' is not a positive whole number", "train", "--formula", "toy", "--width", "3,0,1")]
    [InlineData("--grid and --k must be at least 1", "train", "--formula", "toy", "--grid", "0")]
    [InlineData("--test-fraction does not apply here: --formula samples its own test rows", "train", "--formula", "toy", "--test-fraction", "1")]
    [InlineData("--test does not apply here", "train", "--formula", "toy", "--test", "t.csv")]
    [InlineData("--train-count does not apply here", "train", "--data", "d.csv", "--inputs", "a", "--outputs", "b", "--train-count", "5")]
    [InlineData("give either --test or --test-fraction, not both", "train", "--data", "d.csv", "--inputs", "a", "--outputs", "b", "--test", "t.csv", "--test-fraction", "0.1")]
    [InlineData("--lr sets how the model is fitted, but no fitting happens without --steps N", "refine", "m.kan", "--grid", "5", "--formula", "toy", "--lr", "0.1")]
    [InlineData("--optimizer sets how the model is fitted", "train", "--formula", "toy", "--steps", "0", "--optimizer", "adam")]
    [InlineData("unknown formula 'nope'", "prune", "m.kan", "--formula", "nope")]
    public void Bad_option_values_and_conflicts_are_usage_errors(string expected, params string[] args)
    {
        using var cli = new CliRunner();
        string model = cli.Import("toy_spline.json");
        cli.Write("d.csv", "a,b\n1,2\n");
        cli.Write("t.csv", "a,b\n1,2\n");
        string[] full = args.Select(a => a is "m.kan" ? model : a is "d.csv" or "t.csv" ? cli.PathOf(a) : a).Concat(new[] { "-o", cli.PathOf("out.kan") }).ToArray();
        cli.Run(full).ShouldFailWith(ExitCodes.Usage, expected);
        File.Exists(cli.PathOf("out.kan")).ShouldBeFalse();
    }

    [Fact]
    public void An_empty_csv_is_called_empty()
    {
        using var cli = new CliRunner();
        string empty = cli.Write("empty.csv", "");
        cli.Run("train", "--data", empty, "--inputs", "a,b", "--outputs", "f", "-o", cli.PathOf("m.kan"))
            .ShouldFailWith(ExitCodes.BadInput, "empty.csv is empty; expected a header row naming the columns a, b, f");
    }

    [Fact]
    public void Train_rejects_bad_csv_and_missing_columns()
    {
        using var cli = new CliRunner();
        string o = cli.PathOf("m.kan");
        string good = cli.Write("good.csv", "a,b,out\n1,2,3\n4,5,6\n");
        cli.Run("train", "--data", cli.PathOf("nope.csv"), "--inputs", "a,b", "--outputs", "out", "-o", o).ShouldFailWith(ExitCodes.BadInput, "nope.csv' does not exist");
        string unclosed = cli.Write("unclosed.csv", "a,b,out\n1,\"2,3\n");
        cli.Run("train", "--data", unclosed, "--inputs", "a,b", "--outputs", "out", "-o", o).ShouldFailWith(ExitCodes.BadInput, "unclosed.csv(line 2): a quoted field is never closed");
        string text = cli.Write("text.csv", "a,b,out\n1,2,3\n1,two,3\n");
        cli.Run("train", "--data", text, "--inputs", "a,b", "--outputs", "out", "-o", o).ShouldFailWith(ExitCodes.BadInput, "text.csv(line 3, column 2 'b'): 'two' is not a number");
        string nan = cli.Write("nan.csv", "a,b,out\n1,2,3\n\n4,5,NaN\n");
        cli.Run("train", "--data", nan, "--inputs", "a,b", "--outputs", "out", "-o", o).ShouldFailWith(ExitCodes.BadInput, "nan.csv: data row 2, column 'out' is NaN; training data must be finite numbers");
        string empty = cli.Write("empty.csv", "a,b,out\n");
        cli.Run("train", "--data", good, "--test", empty, "--inputs", "a,b", "--outputs", "out", "-o", o).ShouldFailWith(ExitCodes.BadInput, "empty.csv has a header but no data rows");
        cli.Run("train", "--data", good, "--inputs", "a,c", "--outputs", "out", "-o", o).ShouldFailWith(ExitCodes.BadInput, "good.csv(line 1): the header lacks the input column(s) c; expected the columns a, c, out");
        cli.Run("train", "--data", good, "--inputs", "a,b", "--outputs", "f", "-o", o).ShouldFailWith(ExitCodes.BadInput, "good.csv(line 1): the header lacks the output column(s) f; expected the columns a, b, f");
        cli.Run("train", "--data", good, "--inputs", "a,b", "--outputs", "out", "-o", cli.PathOf("no/such/m.kan")).ShouldFailWith(ExitCodes.BadInput, "the folder");
        cli.Run("train", "--data", good, "--outputs", "out", "-o", o).ShouldFailWith(ExitCodes.Usage, "training on --data needs --inputs naming the columns");
        cli.Run("train", "--data", good, "--inputs", "a,out", "--outputs", "out", "-o", o).ShouldFailWith(ExitCodes.Usage, "the column 'out' is named as both an input and an output");
        cli.Run("train", "-o", o).ShouldFailWith(ExitCodes.Usage, "this command needs data: --data FILE.csv or --formula NAME");
        cli.Run("train", "--data", good, "--formula", "toy", "-o", o).ShouldFailWith(ExitCodes.Usage, "give either --data or --formula, not both");
        cli.Run("train", "--formula", "toy", "--optimizer", "sgd", "-o", o).ShouldFailWith(ExitCodes.Usage, "sgd");
        cli.Run("train", "--data", good, "--inputs", "a,b", "--outputs", "out", "--test-fraction", "1", "-o", o).ShouldFailWith(ExitCodes.Usage, "--test-fraction must be at least 0 and below 1");
        Directory.GetFiles(cli.Directory, "*.kan").ShouldBeEmpty();
    }

    [Fact]
    public void Model_commands_reject_bad_input()
    {
        using var cli = new CliRunner();
        string model = cli.Import("toy_spline.json"); // [2, 5, 1], inputs x1, x2, output y1
        string o = cli.PathOf("out.kan");
        string missing = cli.PathOf("nope.kan");
        cli.Run("refine", missing, "--grid", "5", "--formula", "toy", "-o", o).ShouldFailWith(ExitCodes.BadInput, "nope.kan' does not exist");
        cli.Run("prune", missing, "--formula", "toy", "-o", o).ShouldFailWith(ExitCodes.BadInput, "nope.kan' does not exist");
        cli.Run("formula", missing).ShouldFailWith(ExitCodes.BadInput, "nope.kan' does not exist");
        cli.Run("plot", missing, "-o", cli.PathOf("p.svg")).ShouldFailWith(ExitCodes.BadInput, "nope.kan' does not exist");

        cli.Run("prune", model, "--formula", "I.10.7", "-o", o).ShouldFailWith(ExitCodes.BadInput, "the model reads 2 input(s) (x1, x2) but formula I.10.7 has 3 variable(s) (m0, v, c)");
        cli.Run("prune", model, "-o", o).ShouldFailWith(ExitCodes.Usage, "this command needs data");
        string other = cli.Write("other.csv", "a,b\n1,2\n");
        cli.Run("plot", model, "--data", other, "-o", cli.PathOf("p.svg")).ShouldFailWith(ExitCodes.BadInput, "other.csv(line 1): the header lacks the input column(s) x1, x2");
        string inputsOnly = cli.Write("inputs.csv", "x1,x2\n0.1,0.2\n0.3,0.4\n");
        cli.Run("refine", model, "--grid", "5", "--steps", "3", "--data", inputsOnly, "-o", o).ShouldFailWith(ExitCodes.BadInput, "inputs.csv(line 1): the header lacks the output column(s) y1");
        cli.Run("refine", model, "--grid", "0", "--formula", "toy", "-o", o).ShouldFailWith(ExitCodes.Usage, "--grid must be at least 1");

        cli.Run("symbolic", "suggest", model, "--formula", "toy", "--edge", "0,2,0").ShouldFailWith(ExitCodes.BadInput, "--edge 0,2,0 is out of range: layer 0 has inputs 0..1 and outputs 0..4");
        cli.Run("symbolic", "suggest", model, "--formula", "toy", "--edge", "2,0,0").ShouldFailWith(ExitCodes.BadInput, "--edge 2,0,0 is out of range: the model has 2 layer(s), 0..1");
        cli.Run("symbolic", "suggest", model, "--formula", "toy", "--edge", "0,0").ShouldFailWith(ExitCodes.Usage, "bad --edge '0,0': expected l,i,j");
        cli.Run("symbolic", "suggest", model, "--formula", "toy").ShouldFailWith(ExitCodes.Usage, "Option '--edge' is required (see 'kan symbolic suggest --help')");
        cli.Run("symbolic").ShouldFailWith(ExitCodes.Usage, "(see 'kan symbolic --help')");
        cli.Run("symbolic", "suggest", model, "--formula", "toy", "--edge", "0,-1,0").ShouldFailWith(ExitCodes.Usage, "bad --edge '0,-1,0'");
        cli.Run("symbolic", "auto", model, "--formula", "toy", "--lib", "x,foo", "-o", o).ShouldFailWith(ExitCodes.Usage, "unknown symbolic function 'foo' in --lib; known: x, x^2");
        cli.Run("formula", model, "--format", "pdf").ShouldFailWith(ExitCodes.Usage, "pdf");
        cli.Run("formula", model, "--round", "40").ShouldFailWith(ExitCodes.Usage, "--round must be between 0 and 15");
        File.Exists(o).ShouldBeFalse();
    }

    [Theory]
    [InlineData("train", "--width")]
    [InlineData("refine", "--grid")]
    [InlineData("prune", "--edge-threshold")]
    [InlineData("symbolic suggest", "--edge")]
    [InlineData("symbolic auto", "--r2-threshold")]
    [InlineData("symbolic", "suggest")]
    [InlineData("formula", "--format")]
    [InlineData("plot", "--title")]
    public void Every_command_has_help(string command, string mentions)
    {
        using var cli = new CliRunner();
        CliRunner.Result r = cli.Run(command.Split(' ').Concat(new[] { "--help" }));
        r.ExitCode.ShouldBe(0, r.Stderr);
        r.Stdout.ShouldContain("Usage:");
        r.Stdout.ShouldContain(mentions);
        r.Stderr.ShouldBeEmpty();
    }
}

internal static class ArrayExtensions
{
    public static string[] Concat(this string[] first, string[] second) => System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Concat(first, second));
}
