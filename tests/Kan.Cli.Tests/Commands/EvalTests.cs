using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Kan.Evaluation;
using Kan.Format;

namespace Kan.Cli.Tests.Commands;

/// <summary>import-pykan then eval must reproduce pykan's outputs, whatever the CSV's column order or header.</summary>
public class EvalTests
{
    public static TheoryData<string> Fixtures => new() { "toy_spline.json", "toy_symbolic.json", "mult_xy.json" };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Import_then_eval_reproduces_pykan(string fixture)
    {
        using var cli = new CliRunner();
        string model = cli.Import(fixture);
        PykanDump dump = PykanDump.Load(CliRunner.Fixture(fixture));
        int n = dump.Inputs[0].Length;
        string header = string.Join(",", Enumerable.Range(1, n).Select(i => "x" + i));
        string csv = cli.Write("in.csv", header + "\n" + string.Join("\n", dump.Inputs.Select(Row)) + "\n");

        var r = cli.Run("eval", model, "--input", csv, "--output", cli.PathOf("out.csv"));
        r.ExitCode.ShouldBe(0, r.Stderr);
        r.Stderr.ShouldBeEmpty();
        var (names, rows) = ReadOutput(File.ReadAllText(cli.PathOf("out.csv")));
        names.ShouldBe(Enumerable.Range(1, dump.Outputs[0].Length).Select(i => "y" + i).ToArray());
        rows.Length.ShouldBe(dump.Outputs.Length);
        for (int s = 0; s < rows.Length; s++)
        {
            for (int o = 0; o < rows[s].Length; o++)
            {
                PykanDump.ShouldMatch(rows[s][o], dump.Outputs[s][o], fixture + " row " + s + " output " + o);
            }
        }

        // Without --output the same text goes to stdout.
        var toStdout = cli.Run("eval", model, "--input", csv);
        toStdout.ExitCode.ShouldBe(0, toStdout.Stderr);
        toStdout.Stdout.ShouldBe(File.ReadAllText(cli.PathOf("out.csv")));
    }

    [Fact]
    public void Header_columns_match_by_name_in_any_order_and_extra_columns_are_ignored()
    {
        using var cli = new CliRunner();
        string model = cli.Import("toy_spline.json");
        var rows = RandomRows(new Random(7), 40, 2);
        string ordered = cli.Write("ordered.csv", "x1,x2\n" + string.Join("\n", rows.Select(Row)));
        // Shuffled order, an extra quoted column with commas and quotes, CRLF line ends and spaces around names.
        string shuffled = cli.Write("shuffled.csv", "note, x2 ,id,x1\r\n" + string.Join("\r\n", rows.Select((x, i) =>
            "\"a, \"\"quoted\"\" note\"," + Num(x[1]) + "," + i + "," + Num(x[0]))) + "\r\n");
        string noHeader = cli.Write("plain.csv", string.Join("\n", rows.Select(Row)) + "\n");

        string expected = cli.Run("eval", model, "-i", ordered).Stdout;
        var a = cli.Run("eval", model, "-i", shuffled);
        a.ExitCode.ShouldBe(0, a.Stderr);
        a.Stdout.ShouldBe(expected);
        var b = cli.Run("eval", model, "-i", noHeader, "--no-header");
        b.ExitCode.ShouldBe(0, b.Stderr);
        b.Stdout.ShouldBe(expected);
    }

    [Fact]
    public void Eval_outputs_round_trip_the_evaluator_bit_for_bit_on_random_inputs_including_outside_the_grid()
    {
        using var cli = new CliRunner();
        string model = cli.Import("toy_symbolic.json");
        var evaluator = new KanEvaluator(KanFile.Read(model));
        var rows = RandomRows(new Random(11), 200, evaluator.InputCount);
        string csv = cli.Write("in.csv", string.Join("\n", rows.Select(Row)));
        var r = cli.Run("eval", model, "--input", csv, "--no-header");
        r.ExitCode.ShouldBe(0, r.Stderr);
        var (_, outputs) = ReadOutput(r.Stdout);
        for (int s = 0; s < rows.Length; s++)
        {
            // "R" formatting and invariant parsing must give back the exact double.
            outputs[s].ShouldBe(evaluator.Evaluate(rows[s]));
        }
    }

    [Fact]
    public void Input_without_rows_is_an_error()
    {
        // Zero rows is almost always the wrong file; an empty result would hide that.
        using var cli = new CliRunner();
        string model = cli.Import("mult_xy.json");
        cli.Run("eval", model, "-i", cli.Write("in.csv", "x2,x1\n")).ShouldFailWith(ExitCodes.BadInput, "in.csv has a header but no data rows");
        cli.Run("eval", model, "-i", cli.Write("none.csv", "\n"), "--no-header").ShouldFailWith(ExitCodes.BadInput, "none.csv is empty; expected one row per evaluation, one field per input (x1, x2)");
    }

    internal static double[][] RandomRows(Random rng, int count, int width) =>
        Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, width).Select(_ => (rng.NextDouble() * 2 - 1) * 3.5).ToArray()).ToArray();

    internal static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    internal static string Row(double[] x) => string.Join(",", x.Select(Num));

    internal static (string[] Names, double[][] Rows) ReadOutput(string text)
    {
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return (lines[0].Split(','), lines.Skip(1).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray());
    }
}
