using System;
using System.Linq;
using Kan.Training.Symbolic;

namespace Kan.Training.Tests.Symbolic;

/// <summary>fix_symbolic / suggest_symbolic / auto_symbolic on trained networks.</summary>
public class SymbolicRegressionTests
{
    private static readonly string[] Lib = { "x", "x^2", "x^3", "exp", "sin", "tanh", "gaussian" };

    private static (KanNetwork Net, Dataset Data) SplineTrainedOnSin()
    {
        Dataset data = Dataset.FromFunction(v => Math.Sin(Math.PI * v[0]), 1, new[] { (-1.0, 1.0) }, 300, 300, seed: 4);
        var net = KanNetwork.Create(new[] { 1, 1 }, new KanNetworkOptions { Grid = 10, Seed = 2 });
        net.Fit(data, new FitOptions { Steps = 20 });
        return (net, data);
    }

    [Fact]
    public void Snapping_a_spline_edge_trained_on_sin_gives_sin()
    {
        var (net, data) = SplineTrainedOnSin();
        var suggestions = SymbolicRegression.SuggestSymbolic(net, 0, 0, 0, data.TrainInputs, Lib, topK: 3);
        suggestions.Count.ShouldBe(3);
        suggestions[0].Name.ShouldBe("sin");
        suggestions.Select(s => s.Score).ShouldBeInOrder(SortDirection.Ascending);
        // Suggesting leaves the edge numeric.
        net.Layers[0].Mask[0].ShouldBe(1.0);
        net.Layers[0].SymbolicMask[0].ShouldBe(0.0);

        double r2 = SymbolicRegression.FixSymbolic(net, 0, 0, 0, "sin", data);
        r2.ShouldBeGreaterThan(0.99);
        NetworkLayer layer = net.Layers[0];
        layer.Mask[0].ShouldBe(0.0);
        layer.SymbolicMask[0].ShouldBe(1.0);
        layer.SymbolicNames[0].ShouldBe("sin");
        Math.Abs(layer.SymbolicA[0]).ShouldBe(Math.PI, 0.05);
        double[,] y = net.Forward(data.TestInputs);
        double rmse = Math.Sqrt(Enumerable.Range(0, y.GetLength(0)).Average(n => Math.Pow(y[n, 0] - data.TestLabels[n, 0], 2)));
        rmse.ShouldBeLessThan(0.05);
    }

    [Fact]
    public void Fix_symbolic_fits_the_activations_of_the_inputs_it_is_given()
    {
        var (net, data) = SplineTrainedOnSin();
        // Only the right half of the domain: the fit must be that of these inputs' fresh activations.
        var half = new double[100, 1];
        for (int n = 0; n < 100; n++)
        {
            half[n, 0] = n / 100.0;
        }

        LayerActivations acts = net.GetActivations(half)[0];
        double[] x = Enumerable.Range(0, 100).Select(n => acts.Inputs[n, 0]).ToArray();
        double[] y = Enumerable.Range(0, 100).Select(n => acts.Numeric[n, 0, 0]).ToArray();
        AffineFit expected = ParameterFit.FitParams(x, y, SymbolicLibrary.Default.Get("x^2").Value);

        double r2 = SymbolicRegression.FixSymbolic(net, 0, 0, 0, "x^2", half);
        r2.ShouldBe(expected.R2);
        net.Layers[0].SymbolicA[0].ShouldBe(expected.A);
        net.Layers[0].SymbolicD[0].ShouldBe(expected.D);
    }

    [Fact]
    public void Snapped_affine_parameters_recover_from_a_perturbation_by_fit()
    {
        Dataset data = Dataset.FromFunction(v => Math.Exp(Math.Sin(Math.PI * v[0]) + v[1] * v[1]), 2, new[] { (-1.0, 1.0) }, 400, 400, seed: 5);
        var net = KanNetwork.Create(new[] { 2, 1, 1 }, new KanNetworkOptions { Grid = 3, Seed = 3 });
        // The exact formula, then every affine parameter pushed off by a few percent.
        net.SetSymbolic(0, 0, 0, "sin", Math.PI * 1.03, 0.05, 0.95, 0.04);
        net.SetSymbolic(0, 1, 0, "x^2", 0.97, -0.03, 1.05, -0.02);
        net.SetSymbolic(1, 0, 0, "exp", 1.04, 0.03, 0.97, 0.05);
        foreach (var (l, i) in new[] { (0, 0), (0, 1), (1, 0) })
        {
            net.SetMode(l, i, 0, "s");
        }

        double before = Rmse(net, data);
        before.ShouldBeGreaterThan(0.05);
        FitHistory h = net.Fit(data, new FitOptions { Steps = 30 });
        h.TestRmse.Last().ShouldBeLessThan(1e-6);
        Math.Abs(net.Layers[0].SymbolicA[0]).ShouldBe(Math.PI, 1e-4);
    }

    [Fact]
    public void Masked_edges_score_minus_1e8_and_auto_symbolic_respects_the_threshold()
    {
        var (net, data) = SplineTrainedOnSin();
        KanNetwork unchanged = net.Clone();
        var kept = SymbolicRegression.AutoSymbolic(net, data, Lib, r2Threshold: 1.5);
        kept.Single().Action.ShouldBe(EdgeAction.KeptNumeric);
        kept.Single().Best!.Name.ShouldBe("sin");
        net.Layers[0].Mask[0].ShouldBe(1.0);
        net.Layers[0].SymbolicMask[0].ShouldBe(0.0);
        net.Forward(data.TestInputs).ShouldBe(unchanged.Forward(data.TestInputs));

        var snapped = SymbolicRegression.AutoSymbolic(net, data, Lib);
        snapped.Single().Action.ShouldBe(EdgeAction.Fixed);
        net.Layers[0].SymbolicNames[0].ShouldBe("sin");
        SymbolicRegression.AutoSymbolic(net, data, Lib).Single().Action.ShouldBe(EdgeAction.AlreadySymbolic);

        net.SetMode(0, 0, 0, "none");
        SymbolicRegression.SuggestSymbolic(net, 0, 0, 0, data.TrainInputs, Lib).ShouldAllBe(c => c.R2 == SymbolicRegression.MaskedR2);
        SymbolicRegression.AutoSymbolic(net, data, Lib).Single().Action.ShouldBe(EdgeAction.Zero);
        net.Layers[0].SymbolicNames[0].ShouldBe("0");
        net.Forward(data.TestInputs).Cast<double>().ShouldAllBe(v => v == 0.0);
    }

    private static double Rmse(KanNetwork net, Dataset data)
    {
        double[,] y = net.Forward(data.TestInputs);
        return Math.Sqrt(Enumerable.Range(0, y.GetLength(0)).Average(n => Math.Pow(y[n, 0] - data.TestLabels[n, 0], 2)));
    }

    /// <summary>
    /// A first-layer log edge makes the second layer's inputs NaN or infinite on rows with x &lt;= 0: auto_symbolic
    /// fits the later edge on the finite rows alone (the same fit as on those rows only), and an edge with no finite
    /// row stays numeric without a candidate; suggest and fix name the edge instead of failing on NaN.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Rows_an_earlier_symbolic_edge_makes_non_finite_are_left_out_of_later_fits(int seed)
    {
        var net = KanNetwork.Create(new[] { 1, 1, 1 }, new KanNetworkOptions { Grid = 5, Seed = seed });
        net.SetSymbolic(0, 0, 0, "log", 1.0, 0.0, 0.5, 0.0);
        net.SetMode(0, 0, 0, "s");
        var rng = new Random(seed);
        double[] xs = Enumerable.Range(0, 200).Select(_ => rng.NextDouble() * 2 - 1).Append(0.0).ToArray();
        double[,] all = Column(xs);
        double[,] positive = Column(xs.Where(x => x > 0).ToArray());

        KanNetwork reference = net.Clone();
        var choices = SymbolicRegression.AutoSymbolic(net, all, Lib);
        var expected = SymbolicRegression.AutoSymbolic(reference, positive, Lib);

        EdgeChoice later = choices.Single(c => c.Layer == 1);
        later.Action.ShouldBe(EdgeAction.Fixed);
        later.Best!.Name.ShouldBe(expected.Single(c => c.Layer == 1).Best!.Name);
        later.Best.Fit.A.ShouldBe(expected.Single(c => c.Layer == 1).Best!.Fit.A);
        later.Best.Fit.C.ShouldBe(expected.Single(c => c.Layer == 1).Best!.Fit.C);
        double.IsFinite(later.Best.Fit.D).ShouldBeTrue();

        // Only non-positive inputs: no finite row at all for the later edge.
        double[,] negative = Column(xs.Where(x => x <= 0).ToArray());
        KanNetwork fresh = reference.Clone();
        fresh.SetMode(1, 0, 0, "n");
        EdgeChoice none = SymbolicRegression.AutoSymbolic(fresh, negative, Lib).Single(c => c.Layer == 1);
        none.Action.ShouldBe(EdgeAction.KeptNumeric);
        none.Best.ShouldBeNull();
        var error = Should.Throw<NonFiniteActivationsException>(() => SymbolicRegression.SuggestSymbolic(fresh, 1, 0, 0, negative, Lib));
        error.Message.ShouldContain("Edge (1,0,0)");
        Should.Throw<NonFiniteActivationsException>(() => SymbolicRegression.FixSymbolic(fresh, 1, 0, 0, "sin", negative));
    }

    private static double[,] Column(double[] values)
    {
        var m = new double[values.Length, 1];
        for (int n = 0; n < values.Length; n++)
        {
            m[n, 0] = values[n];
        }

        return m;
    }
}
