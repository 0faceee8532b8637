using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Kan.Cli.Data;
using Kan.Evaluation;
using Kan.Format;
using Kan.Training;

namespace Kan.Cli.Tests.Training;

/// <summary>
/// The pykan "hello KAN" pipeline through the command line: train on the toy formula, prune, refine, snap to
/// symbolic functions, print the formula and evaluate the result; every step checked against the saved files.
/// </summary>
public class PipelineTests
{
    private static readonly string[] Small = { "--train-count", "100", "--test-count", "100" };

    [Fact]
    public void Train_prune_refine_symbolic_formula_eval()
    {
        using var cli = new CliRunner();
        string trained = cli.PathOf("toy.kan"), pruned = cli.PathOf("pruned.kan"), refined = cli.PathOf("refined.kan"), snapped = cli.PathOf("snapped.kan");

        CliRunner.Result train = cli.Run(Args("train", "--formula", "toy", "--width", "2,5,1", "--steps", "12", "--lamb", "0.001", "-o", trained));
        train.ExitCode.ShouldBe(0, train.Stderr);
        KanModel model = KanFile.Read(trained);
        model.InputNames.ShouldBe(new[] { "x", "y" });
        model.OutputNames.ShouldBe(new[] { "f" });
        Meta(model, "history").ShouldStartWith("kan train --formula toy --width 2,5,1");
        Meta(model, "dataset").ShouldContain("formula toy");

        // The recorded errors are the model's errors on the same rows, recomputed here with the runtime evaluator.
        Dataset data = DataOptions.FromFormula(FormulaCatalog.Get("toy"), 100, 100, 0, new[] { "x", "y" }, new[] { "f" }).Dataset;
        double.Parse(Meta(model, "test_rmse"), CultureInfo.InvariantCulture).ShouldBe(Rmse(model, data.TestInputs, data.TestLabels), 1e-12);
        double.Parse(Meta(model, "train_rmse"), CultureInfo.InvariantCulture).ShouldBe(Rmse(model, data.TrainInputs, data.TrainLabels), 1e-12);
        train.Stdout.ShouldContain("test rmse " + double.Parse(Meta(model, "test_rmse"), CultureInfo.InvariantCulture).ToString("0.000e+00", CultureInfo.InvariantCulture));
        train.Stderr.ShouldContain("step 12/12: train rmse");
        train.Stderr.ShouldContain("step 1 took about ");
        train.Stderr.ShouldContain(" per step, about ");

        CliRunner.Result prune = cli.Run(Args("prune", trained, "--formula", "toy", "-o", pruned));
        prune.ExitCode.ShouldBe(0, prune.Stderr);
        KanModel prunedModel = KanFile.Read(pruned);
        prune.Stdout.ShouldContain("pruned [2, 5, 1] -> " + Inspection.ModelSummary.Shape(prunedModel) + ", active edges 15 -> " + Kan.Cli.Commands.PruneCommand.ActiveEdges(prunedModel));
        prunedModel.Layers[0].OutputCount.ShouldBeLessThan(5);

        CliRunner.Result refine = cli.Run(Args("refine", pruned, "--grid", "6", "--steps", "8", "--formula", "toy", "-o", refined));
        refine.ExitCode.ShouldBe(0, refine.Stderr);
        KanFile.Read(refined).Layers.ShouldAllBe(l => l.GridIntervals == 6);

        CliRunner.Result auto = cli.Run(Args("symbolic", "auto", refined, "--formula", "toy", "--lib", "x,x^2,sin,exp", "--steps", "3", "-o", snapped));
        auto.ExitCode.ShouldBe(0, auto.Stderr);
        auto.Stdout.ShouldContain("fixed");
        KanModel snappedModel = KanFile.Read(snapped);
        snappedModel.Layers.ShouldAllBe(l => l.Mask.All(m => m == 0.0));
        string history = Meta(snappedModel, "history");
        new[] { "kan train ", "kan prune ", "kan refine ", "kan symbolic auto " }.ShouldAllBe(c => history.Contains(c));

        CliRunner.Result formula = cli.Run("formula", snapped);
        formula.ExitCode.ShouldBe(0, formula.Stderr);
        formula.Stdout.ShouldContain("sin(");
        formula.Stdout.ShouldContain("exp(");
        formula.Stdout.ShouldNotContain("spline_");
        auto.Stdout.ShouldContain("formula: " + formula.Stdout.Trim());

        // eval prints exactly (bit for bit) what the reference evaluator computes on the saved model.
        var random = new Random(5);
        var rows = Enumerable.Range(0, 20).Select(_ => new[] { random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1 }).ToArray();
        string csv = cli.Write("in.csv", "y,x\n" + string.Concat(rows.Select(r => R(r[1]) + "," + R(r[0]) + "\n")));
        CliRunner.Result eval = cli.Run("eval", snapped, "-i", csv);
        eval.ExitCode.ShouldBe(0, eval.Stderr);
        string[] lines = eval.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("f");
        var evaluator = new KanEvaluator(snappedModel);
        var y = new double[1];
        for (int r = 0; r < rows.Length; r++)
        {
            evaluator.Evaluate(rows[r], y);
            BitConverter.DoubleToInt64Bits(double.Parse(lines[r + 1], CultureInfo.InvariantCulture)).ShouldBe(BitConverter.DoubleToInt64Bits(y[0]));
        }
    }

    [Fact]
    public void Train_from_csv_with_named_columns_and_a_test_file()
    {
        using var cli = new CliRunner();
        var random = new Random(3);
        string Rows(int n) => string.Concat(Enumerable.Range(0, n).Select(_ =>
        {
            double a = random.NextDouble() * 2 - 1, b = random.NextDouble() * 2 - 1;
            return "id" + random.Next(100) + "," + R(b) + "," + R(a) + "," + R(a * b + 0.5 * a) + "\n";
        }));
        string train = cli.Write("train.csv", "label,b,a,out\n" + Rows(60));
        string test = cli.Write("test.csv", "out,a,b,label\n" + string.Concat(Rows(20).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => { var c = l.Split(','); return c[3] + "," + c[2] + "," + c[1] + "," + c[0] + "\n"; })));
        string model = cli.PathOf("csv.kan");

        CliRunner.Result r = cli.Run("train", "--data", train, "--test", test, "--inputs", "a,b", "--outputs", "out", "--width", "[2,[1,1],1]", "--steps", "5", "--normalize-inputs", "-o", model);
        r.ExitCode.ShouldBe(0, r.Stderr);
        KanModel m = KanFile.Read(model);
        m.InputNames.ShouldBe(new[] { "a", "b" });
        m.OutputNames.ShouldBe(new[] { "out" });
        m.Layers[0].MultArity.Length.ShouldBe(1);
        m.HasInputNormalization.ShouldBeTrue();
        Meta(m, "dataset").ShouldBe("csv " + train + ": 60 train rows, 20 test rows from " + test);

        // Without --test, a fifth of the rows (shuffled) is held out.
        string split = cli.PathOf("split.kan");
        cli.Run("train", "--data", train, "--inputs", "a,b", "--outputs", "out", "--width", "2,2,1", "--steps", "2", "-o", split).ExitCode.ShouldBe(0);
        Meta(KanFile.Read(split), "dataset").ShouldContain("48 train / 12 test rows");
        cli.Run("eval", model, "-i", train).ExitCode.ShouldBe(0);
    }

    [Fact]
    public void Cancelled_training_writes_nothing()
    {
        using var cli = new CliRunner();
        string model = cli.PathOf("never.kan");
        using var cancel = new System.Threading.CancellationTokenSource();
        cancel.Cancel();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = KanCli.Run(Args("train", "--formula", "xy", "--steps", "50", "-o", model), stdout, stderr, cancel.Token);
        code.ShouldBe(ExitCodes.Cancelled);
        stderr.ToString().Trim().ShouldBe(KanCli.ErrorPrefix + "training cancelled at the user's request; nothing was written");
        File.Exists(model).ShouldBeFalse();
        Directory.GetFiles(cli.Directory).ShouldBeEmpty();
    }

    [Fact]
    public void Suggest_lists_the_library_ranked_by_score()
    {
        using var cli = new CliRunner();
        string model = cli.PathOf("drag.kan");
        cli.Run(Args("train", "--formula", "drag", "--width", "2,1,1", "--steps", "5", "-o", model)).ExitCode.ShouldBe(0);
        CliRunner.Result r = cli.Run(Args("symbolic", "suggest", model, "--formula", "drag", "--edge", "0,1,0", "--lib", "x,exp,sin,x^2", "--top", "3"));
        r.ExitCode.ShouldBe(0, r.Stderr);
        string[] rows = r.Stdout.Split('\n').Where(l => l.TrimStart().Length > 0 && char.IsDigit(l.TrimStart()[0])).ToArray();
        rows.Length.ShouldBe(3);
        double[] scores = rows.Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[4], CultureInfo.InvariantCulture)).ToArray();
        scores.ShouldBe(scores.OrderBy(s => s).ToArray());
    }

    internal static string[] Args(params string[] args) =>
        args[0] is "train" || args.Contains("--formula") ? args.Concat(Small).ToArray() : args;

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Meta(KanModel model, string key) => model.Metadata.Single(p => p.Key == key).Value;

    private static double Rmse(KanModel model, double[,] x, double[,] labels)
    {
        var evaluator = new KanEvaluator(model);
        double sum = 0;
        var y = new double[1];
        for (int r = 0; r < x.GetLength(0); r++)
        {
            evaluator.Evaluate(new[] { x[r, 0], x[r, 1] }, y);
            sum += (y[0] - labels[r, 0]) * (y[0] - labels[r, 0]);
        }

        return Math.Sqrt(sum / x.GetLength(0));
    }
}
