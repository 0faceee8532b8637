using System;
using System.Globalization;
using System.Linq;
using Kan.Cli.Data;
using Kan.Evaluation;
using Kan.Format;
using Kan.Training;
using Kan.Training.Symbolic;

namespace Kan.Cli.Tests.Commands;

/// <summary>
/// The verbs a pykan user reaches for: <c>symbolic fix/unfix</c>, <c>fit</c>, <c>attribute</c>, and the
/// tenfold guard of <c>symbolic auto</c>. Each result is checked against the library call it stands for.
/// </summary>
public class ModelVerbTests
{
    private static readonly string[] Toy = { "--formula", "toy", "--train-count", "100", "--test-count", "100" };

    private static Dataset ToyRows() => DataOptions.FromFormula(FormulaCatalog.Get("toy"), 100, 100, 0, new[] { "x", "y" }, new[] { "f" }).Dataset;

    private static string Trained(CliRunner cli, string name = "toy.kan")
    {
        string path = cli.PathOf(name);
        CliRunner.Result r = cli.Run(new[] { "train", "--width", "2,3,1", "--steps", "10", "-o", path }.Concat(Toy).ToArray());
        r.ExitCode.ShouldBe(0, r.Stderr);
        return path;
    }

    [Fact]
    public void Fix_fits_the_edge_as_the_library_does_and_unfix_gives_back_the_spline()
    {
        using var cli = new CliRunner();
        string trained = Trained(cli), fixedPath = cli.PathOf("fixed.kan"), unfixed = cli.PathOf("unfixed.kan");

        CliRunner.Result fix = cli.Run(new[] { "symbolic", "fix", trained, "--edge", "0,0,1", "--fn", "sin", "-o", fixedPath }.Concat(Toy).ToArray());
        fix.ExitCode.ShouldBe(0, fix.Stderr);
        KanNetwork expected = KanNetwork.FromModel(KanFile.Read(trained));
        double r2 = SymbolicRegression.FixSymbolic(expected, 0, 0, 1, "sin", ToyRows().TrainInputs);
        fix.Stdout.ShouldContain("fixed (0,0,1) to sin: r2 " + r2.ToString("G6", CultureInfo.InvariantCulture));
        KanModel snapped = KanFile.Read(fixedPath);
        var evaluator = new KanEvaluator(snapped);
        double[,] probe = ToyRows().TestInputs;
        double[,] want = expected.Forward(probe);
        for (int r = 0; r < probe.GetLength(0); r++)
        {
            evaluator.Evaluate(new[] { probe[r, 0], probe[r, 1] })[0].ShouldBe(want[r, 0], 1e-12);
        }

        CliRunner.Result unfix = cli.Run("symbolic", "unfix", fixedPath, "--edge", "0,0,1", "-o", unfixed);
        unfix.ExitCode.ShouldBe(0, unfix.Stderr);
        unfix.Stdout.ShouldContain("was sin");
        // The spline was never touched: unfix(fix(model)) computes the original model.
        var original = new KanEvaluator(KanFile.Read(trained));
        var back = new KanEvaluator(KanFile.Read(unfixed));
        for (int r = 0; r < probe.GetLength(0); r++)
        {
            double[] x = { probe[r, 0], probe[r, 1] };
            back.Evaluate(x)[0].ShouldBe(original.Evaluate(x)[0], 1e-12);
        }

        KanFile.Read(unfixed).Metadata.First(p => p.Key == "history").Value.ShouldContain("kan symbolic unfix");
    }

    [Fact]
    public void Fix_without_data_uses_the_plain_function_and_bad_names_are_usage_errors()
    {
        using var cli = new CliRunner();
        string trained = Trained(cli), fixedPath = cli.PathOf("fixed.kan");
        CliRunner.Result fix = cli.Run("symbolic", "fix", trained, "--edge", "1,2,0", "--fn", "x^2", "-o", fixedPath);
        fix.ExitCode.ShouldBe(0, fix.Stderr);
        KanNetwork net = KanNetwork.FromModel(KanFile.Read(fixedPath));
        int e = net.Layers[1].EdgeIndex(2, 0);
        (net.Layers[1].SymbolicNames[e], net.Layers[1].SymbolicA[e], net.Layers[1].SymbolicB[e], net.Layers[1].SymbolicC[e], net.Layers[1].SymbolicD[e]).ShouldBe(("x^2", 1.0, 0.0, 1.0, 0.0));
        (net.Layers[1].Mask[e], net.Layers[1].SymbolicMask[e]).ShouldBe((0.0, 1.0));
        cli.Run("symbolic", "fix", trained, "--edge", "0,0,0", "--fn", "nope", "-o", fixedPath).ShouldFailWith(ExitCodes.Usage, "unknown symbolic function 'nope' for --fn");
        cli.Run("symbolic", "unfix", trained, "--edge", "0,9,0", "-o", fixedPath).ShouldFailWith(ExitCodes.BadInput, "out of range");
    }

    [Fact]
    public void Fit_continues_training_exactly_as_the_library_fit_would()
    {
        using var cli = new CliRunner();
        string trained = Trained(cli), more = cli.PathOf("more.kan");
        CliRunner.Result fit = cli.Run(new[] { "fit", trained, "--steps", "4", "--lamb", "0.001", "-o", more }.Concat(Toy).ToArray());
        fit.ExitCode.ShouldBe(0, fit.Stderr);
        KanNetwork expected = KanNetwork.FromModel(KanFile.Read(trained));
        Dataset rows = ToyRows();
        expected.Fit(rows, new FitOptions { Steps = 4, Lamb = 1e-3 });
        KanModel written = KanFile.Read(more);
        var evaluator = new KanEvaluator(written);
        double[,] want = expected.Forward(rows.TestInputs);
        for (int r = 0; r < want.GetLength(0); r++)
        {
            evaluator.Evaluate(new[] { rows.TestInputs[r, 0], rows.TestInputs[r, 1] })[0].ShouldBe(want[r, 0], 1e-12);
        }

        string history = written.Metadata.First(p => p.Key == "history").Value;
        history.ShouldContain("kan train ");
        history.ShouldContain(" | kan fit ");
        fit.Stderr.ShouldContain("step 4/4");
        cli.Run("fit", trained, "-o", more).ShouldFailWith(ExitCodes.Usage, "--data");
    }

    [Fact]
    public void Attribute_prints_pykans_feature_score_of_every_input()
    {
        using var cli = new CliRunner();
        string trained = Trained(cli);
        CliRunner.Result r = cli.Run(new[] { "attribute", trained }.Concat(Toy).ToArray());
        r.ExitCode.ShouldBe(0, r.Stderr);
        double[] scores = KanNetwork.FromModel(KanFile.Read(trained)).Attribute(ToyRows().TrainInputs).Inputs;
        string[] rows = r.Stdout.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("x ") || l.StartsWith("y ")).ToArray();
        rows.Length.ShouldBe(2);
        rows[0].ShouldContain(scores[0].ToString("G6", CultureInfo.InvariantCulture));
        rows[1].ShouldContain(scores[1].ToString("G6", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Auto_warns_when_snapping_is_tenfold_worse_and_keep_better_keeps_those_splines()
    {
        using var cli = new CliRunner();
        string trained = Trained(cli), plain = cli.PathOf("plain.kan"), kept = cli.PathOf("kept.kan");
        // Only x: every edge becomes linear, far worse than the splines on exp(sin(pi x) + y^2).
        CliRunner.Result warned = cli.Run(new[] { "symbolic", "auto", trained, "--lib", "x", "-o", plain }.Concat(Toy).ToArray());
        warned.ExitCode.ShouldBe(0, warned.Stderr);
        warned.Stderr.ShouldContain("kan: warning: snapping raised the test RMSE from ");
        warned.Stderr.ShouldContain("--keep-better");

        CliRunner.Result better = cli.Run(new[] { "symbolic", "auto", trained, "--lib", "x", "--keep-better", "-o", kept }.Concat(Toy).ToArray());
        better.ExitCode.ShouldBe(0, better.Stderr);
        better.Stdout.ShouldContain("kept the spline on edge (");
        KanNetwork keptNet = KanNetwork.FromModel(KanFile.Read(kept)), plainNet = KanNetwork.FromModel(KanFile.Read(plain));
        keptNet.Layers.Sum(l => l.Mask.ToArray().Count(m => m != 0.0)).ShouldBeGreaterThan(0);
        Dataset rows = ToyRows();
        ToyRmse(keptNet, rows).ShouldBeLessThan(ToyRmse(plainNet, rows));
        cli.Run(new[] { "symbolic", "auto", trained, "--keep-better", "-o", kept, "--data", cli.Write("in.csv", "x,y\n0.1,0.2\n") }).ShouldFailWith(ExitCodes.BadInput, "output column(s) f");
    }

    private static double ToyRmse(KanNetwork net, Dataset rows)
    {
        double[,] p = net.Forward(rows.TestInputs);
        return Math.Sqrt(Enumerable.Range(0, p.GetLength(0)).Average(r => (p[r, 0] - rows.TestLabels[r, 0]) * (p[r, 0] - rows.TestLabels[r, 0])));
    }
}
