using System.Linq;
using Kan.Cli.Data;
using Kan.Cli.Training;
using Kan.Evaluation;
using Kan.Format;
using Kan.Training;

namespace Kan.Cli.Tests.Training;

/// <summary><c>--singularity-avoiding</c> and <c>--y-th</c> of the fitting commands (pykan fit's singularity_avoiding, y_th).</summary>
public class SingularityAvoidingCliTests
{
    private static readonly string[] Toy = { "--formula", "toy", "--train-count", "100", "--test-count", "100" };

    /// <summary>
    /// A first-layer log edge makes the later layer's inputs NaN on half the rows: suggest and auto fit the later
    /// edges on the finite rows (they used to stop with an internal error on the first NaN sample).
    /// </summary>
    [Fact]
    public void Snapping_behind_a_log_edge_that_is_NaN_on_some_rows_fits_the_finite_rows()
    {
        using var cli = new CliRunner();
        string trained = cli.PathOf("toy.kan"), snapped = cli.PathOf("log.kan"), auto = cli.PathOf("auto.kan");
        cli.Run(new[] { "train", "--width", "2,3,1", "--steps", "5", "-o", trained }.Concat(Toy).ToArray()).ExitCode.ShouldBe(0);
        cli.Run("symbolic", "fix", trained, "--edge", "0,0,0", "--fn", "log", "-o", snapped).ExitCode.ShouldBe(0);

        CliRunner.Result suggest = cli.Run(new[] { "symbolic", "suggest", snapped, "--edge", "1,0,0", "--lib", "x,x^2,sin" }.Concat(Toy).ToArray());
        suggest.ExitCode.ShouldBe(0, suggest.Stderr);
        CliRunner.Result result = cli.Run(new[] { "symbolic", "auto", snapped, "--lib", "x,x^2,sin", "-o", auto }.Concat(Toy).ToArray());
        result.ExitCode.ShouldBe(0, result.Stderr);
        KanFile.Read(auto).Layers[1].Symbolic.Length.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Fit_through_a_snapped_log_of_negative_inputs_diverges_without_the_option_and_trains_as_the_library_does_with_it()
    {
        using var cli = new CliRunner();
        string trained = cli.PathOf("toy.kan"), snapped = cli.PathOf("log.kan"), more = cli.PathOf("more.kan");
        cli.Run(new[] { "train", "--width", "2,3,1", "--steps", "5", "-o", trained }.Concat(Toy).ToArray()).ExitCode.ShouldBe(0);
        // log(x) with a=1, b=0 on x in [-1, 1]: NaN on half the rows unless the fit uses pykan's f_log.
        cli.Run("symbolic", "fix", trained, "--edge", "0,0,0", "--fn", "log", "-o", snapped).ExitCode.ShouldBe(0);

        CliRunner.Result plain = cli.Run(new[] { "fit", snapped, "--steps", "3", "-o", more }.Concat(Toy).ToArray());
        plain.ExitCode.ShouldNotBe(0);
        plain.Stderr.ShouldContain("Training diverged at step 0");
        plain.Stderr.ShouldContain("--singularity-avoiding keeps it finite");
        System.IO.File.Exists(more).ShouldBeFalse();

        CliRunner.Result safe = cli.Run(new[] { "fit", snapped, "--steps", "3", "--singularity-avoiding", "--y-th", "50", "-o", more }.Concat(Toy).ToArray());
        safe.ExitCode.ShouldBe(0, safe.Stderr);
        safe.Stderr.ShouldContain("step 3/3");
        KanNetwork expected = KanNetwork.FromModel(KanFile.Read(snapped));
        Dataset rows = DataOptions.FromFormula(FormulaCatalog.Get("toy"), 100, 100, 0, new[] { "x", "y" }, new[] { "f" }).Dataset;
        expected.Fit(rows, new FitOptions { Steps = 3, SingularityAvoiding = true, YTh = 50 });
        KanNetwork written = KanNetwork.FromModel(KanFile.Read(more));
        int e = expected.Layers[0].EdgeIndex(0, 0);
        double[] want = { expected.Layers[0].SymbolicA[e], expected.Layers[0].SymbolicB[e], expected.Layers[0].SymbolicC[e], expected.Layers[0].SymbolicD[e] };
        double[] got = { written.Layers[0].SymbolicA[e], written.Layers[0].SymbolicB[e], written.Layers[0].SymbolicC[e], written.Layers[0].SymbolicD[e] };
        got.ShouldBe(want, 1e-12);
        got.ShouldNotBe(new[] { 1.0, 0.0, 1.0, 0.0 }, "the fit must have trained the snapped edge");
        // The written model keeps the plain log, as pykan's does: it evaluates where the fitted argument is positive.
        var evaluator = new KanEvaluator(KanFile.Read(more));
        double[,] reference = expected.Forward(rows.TestInputs);
        int compared = 0;
        for (int r = 0; r < reference.GetLength(0); r++)
        {
            if (double.IsFinite(reference[r, 0]))
            {
                evaluator.Evaluate(new[] { rows.TestInputs[r, 0], rows.TestInputs[r, 1] })[0].ShouldBe(reference[r, 0], 1e-12);
                compared++;
            }
        }

        compared.ShouldBeGreaterThan(10);
    }

    [Fact]
    public void Symbolic_auto_retries_a_diverged_retrain_with_singularity_avoiding_unless_told_not_to()
    {
        using var cli = new CliRunner();
        string trained = cli.PathOf("toy.kan"), snapped = cli.PathOf("log.kan"), auto = cli.PathOf("auto.kan"), forced = cli.PathOf("forced.kan");
        cli.Run(new[] { "train", "--width", "2,3,1", "--steps", "5", "-o", trained }.Concat(Toy).ToArray()).ExitCode.ShouldBe(0);
        // The last layer's edge: symbolic auto fits the other edges on the plain activations, which a NaN from an
        // earlier layer would spoil.
        cli.Run("symbolic", "fix", trained, "--edge", "1,0,0", "--fn", "log", "-o", snapped).ExitCode.ShouldBe(0);

        CliRunner.Result retried = cli.Run(new[] { "symbolic", "auto", snapped, "--lib", "x,x^2,sin", "--steps", "3", "--y-th", "50", "-o", auto }.Concat(Toy).ToArray());
        retried.ExitCode.ShouldBe(0, retried.Stderr);
        retried.Stderr.ShouldContain("the retrain diverged at step 0 with the plain functions; retrying from the snapped model with --singularity-avoiding (y_th 50)");

        // The retry is the fit that --singularity-avoiding asks for from the start.
        CliRunner.Result direct = cli.Run(new[] { "symbolic", "auto", snapped, "--lib", "x,x^2,sin", "--steps", "3", "--singularity-avoiding", "--y-th", "50", "-o", forced }.Concat(Toy).ToArray());
        direct.ExitCode.ShouldBe(0, direct.Stderr);
        direct.Stderr.ShouldNotContain("diverged");
        KanNetwork a = KanNetwork.FromModel(KanFile.Read(auto)), b = KanNetwork.FromModel(KanFile.Read(forced));
        for (int l = 0; l < a.LayerCount; l++)
        {
            a.Layers[l].SymbolicC.ToArray().ShouldBe(b.Layers[l].SymbolicC.ToArray());
            a.Layers[l].Coefficients.ToArray().ShouldBe(b.Layers[l].Coefficients.ToArray());
        }

        cli.Run(new[] { "symbolic", "auto", snapped, "--lib", "x,x^2,sin", "--steps", "3", "--singularity-avoiding", "false", "-o", cli.PathOf("no.kan") }.Concat(Toy).ToArray())
            .Stderr.ShouldContain("--singularity-avoiding keeps it finite");
        System.IO.File.Exists(cli.PathOf("no.kan")).ShouldBeFalse();
    }

    [Fact]
    public void The_retry_fits_with_its_own_copy_of_the_options()
    {
        using var cli = new CliRunner();
        string trained = cli.PathOf("toy.kan"), snapped = cli.PathOf("log.kan");
        cli.Run(new[] { "train", "--width", "2,3,1", "--steps", "5", "-o", trained }.Concat(Toy).ToArray()).ExitCode.ShouldBe(0);
        cli.Run("symbolic", "fix", trained, "--edge", "1,0,0", "--fn", "log", "-o", snapped).ExitCode.ShouldBe(0);
        KanNetwork network = KanNetwork.FromModel(KanFile.Read(snapped));
        Dataset rows = DataOptions.FromFormula(FormulaCatalog.Get("toy"), 100, 100, 0, new[] { "x", "y" }, new[] { "f" }).Dataset;
        var options = new FitOptions { Steps = 3, YTh = 50 };
        var error = new System.IO.StringWriter();

        FitRunner.FitSnapped(new CliContext(System.IO.TextWriter.Null, error), network, rows, options, retry: true);

        error.ToString().ShouldContain("retrying from the snapped model with --singularity-avoiding");
        options.SingularityAvoiding.ShouldBeFalse();
    }

    [Theory]
    [InlineData("--y-th must be a positive number (pykan's y_th, default 1000)", "train", "--formula", "toy", "--singularity-avoiding", "--y-th", "0")]
    [InlineData("--y-th must be a positive number", "fit", "m.kan", "--formula", "toy", "--singularity-avoiding", "--y-th", "-3")]
    [InlineData("--y-th must be a positive number", "train", "--formula", "toy", "--singularity-avoiding", "--y-th", "NaN")]
    [InlineData("--y-th sets the threshold of --singularity-avoiding, which is off; add --singularity-avoiding", "train", "--formula", "toy", "--y-th", "10")]
    [InlineData("--y-th sets the threshold of --singularity-avoiding, which is off (--singularity-avoiding false)", "symbolic", "auto", "m.kan", "--formula", "toy", "--steps", "1", "--singularity-avoiding", "false", "--y-th", "10")]
    [InlineData("--singularity-avoiding sets how the model is fitted, but no fitting happens without --steps N", "refine", "m.kan", "--grid", "5", "--formula", "toy", "--singularity-avoiding")]
    [InlineData("--y-th sets how the model is fitted, but no fitting happens without --steps N", "symbolic", "auto", "m.kan", "--formula", "toy", "--y-th", "10")]
    public void Bad_thresholds_and_options_that_would_be_ignored_are_usage_errors(string expected, params string[] args)
    {
        using var cli = new CliRunner();
        string model = cli.Import("toy_spline.json");
        string[] full = args.Select(a => a is "m.kan" ? model : a).Concat(new[] { "-o", cli.PathOf("out.kan") }).ToArray();
        cli.Run(full).ShouldFailWith(ExitCodes.Usage, expected);
        System.IO.File.Exists(cli.PathOf("out.kan")).ShouldBeFalse();
    }
}
