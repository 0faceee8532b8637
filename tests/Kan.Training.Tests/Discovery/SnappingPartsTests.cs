using System;
using System.Linq;
using Kan.Training;
using Kan.Training.Discovery;
using Kan.Training.Symbolic;

namespace Kan.Training.Tests.Discovery
{
    /// <summary>The pieces discovery's guard rails rest on: domain checks, polished fits, pruning that keeps constants.</summary>
    public class SnappingPartsTests
    {
        [Theory]
        [InlineData("sqrt")]
        [InlineData("log")]
        [InlineData("1/x")]
        [InlineData("1/x^2")]
        [InlineData("1/sqrt(x)")]
        [InlineData("arcsin")]
        [InlineData("arctanh")]
        [InlineData("tan")]
        [InlineData("x^1.5")]
        public void Admissible_affines_keep_the_function_finite_over_the_widened_range(string name)
        {
            LibraryFunction f = SymbolicLibrary.Default.Get(name);
            var random = new Random(name.Length);
            int admitted = 0, refused = 0;
            for (int trial = 0; trial < 2000; trial++)
            {
                double a = random.NextDouble() * 6 - 3, b = random.NextDouble() * 6 - 3;
                double lo = random.NextDouble() * 4 - 2, hi = lo + 0.1 + random.NextDouble() * 3;
                if (!SnapLibrary.IsAdmissible(name, a, b, lo, hi))
                {
                    refused++;
                    continue;
                }

                admitted++;
                double margin = (hi - lo) * SnapLibrary.RangeMargin;
                for (int k = 0; k <= 50; k++)
                {
                    double x = lo - margin + (hi - lo + 2 * margin) * k / 50;
                    double v = f.Value(a * x + b);
                    double.IsFinite(v).ShouldBeTrue(name + "(" + a + "*" + x + "+" + b + ")");
                }
            }

            admitted.ShouldBeGreaterThan(50);
            refused.ShouldBeGreaterThan(50);
        }

        [Fact]
        public void Refinement_finds_the_exact_affine_that_the_grid_search_only_approaches()
        {
            var random = new Random(4);
            double[] x = Enumerable.Range(0, 200).Select(_ => random.NextDouble() * 2 - 1).ToArray();
            double[] y = x.Select(v => 1.7 * Math.Sin(2.3 * v + 0.41) - 0.2).ToArray();
            LibraryFunction sin = SymbolicLibrary.Default.Get("sin");
            AffineFit grid = ParameterFit.FitParams(x, y, sin.Value, gridNumber: 41, iterations: 3);
            AffineFit polished = AffineRefinement.Refine(x, y, sin.Value, sin.Derivative, grid);
            double before = AffineRefinement.Sse(x, y, sin.Value, new[] { grid.A, grid.B, grid.C, grid.D });
            double after = AffineRefinement.Sse(x, y, sin.Value, new[] { polished.A, polished.B, polished.C, polished.D });
            after.ShouldBeLessThan(1e-16);
            before.ShouldBeGreaterThan(1e3 * after);
        }

        [Fact]
        public void Folding_prune_masks_constant_edges_without_changing_the_function()
        {
            Dataset data = Dataset.FromFunction(v => v[0] * v[1], 2, new[] { (-1.0, 1.0) }, 200, 10, 0);
            var net = new KanNetwork(new LayerWidth[] { 2, new LayerWidth(0, 1), 1 }, new KanNetworkOptions { Seed = 2 });
            net.Fit(data, new FitOptions { Steps = 5, UpdateGrid = false });
            // Make edge (0, 1, 0) constant: no base part and equal coefficients (B-splines sum to one inside the grid).
            NetworkLayer layer = net.Layers[0];
            int e = layer.EdgeIndex(1, 0);
            layer.Arrays.ScaleBase[e] = 0.0;
            for (int m = 0; m < layer.CoefficientCount; m++)
            {
                layer.Arrays.Coefficients[e * layer.CoefficientCount + m] = 0.37;
            }

            KanNetwork pruned = ConstantFoldingPrune.PruneEdges(net, data.TrainInputs, 1e-8, out int masked);
            masked.ShouldBe(1);
            pruned.Layers[0].Mask[e].ShouldBe(0.0);
            double[,] before = net.Forward(data.TrainInputs), after = pruned.Forward(data.TrainInputs);
            for (int r = 0; r < before.GetLength(0); r++)
            {
                after[r, 0].ShouldBe(before[r, 0], 1e-12);
            }

            // pykan's prune_edge drops the constant instead: the product loses its operand's offset.
            KanNetwork pykan = net.PruneEdges(data.TrainInputs, 1e-8);
            pykan.Layers[0].Mask.ToArray().ShouldBe(pruned.Layers[0].Mask.ToArray());
            ToyData.Rmse(pykan.Forward(data.TrainInputs), before).ShouldBeGreaterThan(1e-3);
        }
    }
}

namespace Kan.Training.Tests.Discovery
{
    public class DivergingRetrainTests
    {
        [Fact]
        public void A_retrain_that_diverges_with_the_plain_functions_is_redone_with_singularity_avoiding_and_names_the_edge()
        {
            DiscoveryData data = ExpData();
            KanNetwork net = SnappedTo(data, "log");
            var lines = new System.Collections.Generic.List<string>();
            var snapping = new GuardedSnapping(data, SnapLibrary.Resolve(null), lines.Add, default);

            KanNetwork? result = snapping.Retrained(net, 5, "after snapping edge (0,0,0) to log");

            result.ShouldNotBeNull();
            lines.Count.ShouldBe(1);
            lines[0].ShouldContain("diverged at step 0 after snapping edge (0,0,0) to log");
            lines[0].ShouldContain("argument at the edge of its domain: (0,0,0) log");
            lines[0].ShouldContain("retrained with singularity avoiding instead");
            net.Layers[0].SymbolicA[0].ShouldBe(1.0, "the network handed in is left as it was");

            // The retry is exactly FitOptions.SingularityAvoiding's fit from the snapped state.
            KanNetwork expected = net.Clone();
            expected.Fit(data.Dataset, new FitOptions { Steps = 5, UpdateGrid = false, SingularityAvoiding = true });
            (result.Layers[0].SymbolicA[0], result.Layers[0].SymbolicB[0], result.Layers[0].SymbolicC[0], result.Layers[0].SymbolicD[0])
                .ShouldBe((expected.Layers[0].SymbolicA[0], expected.Layers[0].SymbolicB[0], expected.Layers[0].SymbolicC[0], expected.Layers[0].SymbolicD[0]));
            result.Layers[0].SymbolicC[0].ShouldNotBe(1.0, "the retry trained the edge");
        }

        [Fact]
        public void A_retrain_that_diverges_with_singularity_avoiding_too_keeps_the_state_before_it()
        {
            DiscoveryData data = ExpData();
            // A custom function has no safe variant: NaN for negative arguments either way.
            var library = new SymbolicLibrary();
            LibraryFunction root = library.Register("root", Math.Sqrt, v => 0.5 / Math.Sqrt(v), 2, "global::System.Math.Sqrt({0})");
            KanNetwork net = SnappedTo(data, "x");
            net.SetSymbolic(0, 0, 0, root.Function, 1.0, 0.0, 1.0, 0.0);
            var lines = new System.Collections.Generic.List<string>();
            var snapping = new GuardedSnapping(data, SnapLibrary.Resolve(null), lines.Add, default);

            snapping.Retrained(net, 5, "after snapping edge (0,0,0) to root").ShouldBeNull();
            lines.Count.ShouldBe(1);
            lines[0].ShouldContain("diverged at step 0 after snapping edge (0,0,0) to root");
            lines[0].ShouldContain("and at step 0 with singularity avoiding; kept the state before the retrain");
        }

        private static DiscoveryData ExpData()
        {
            var random = new Random(3);
            var x = new double[60, 1];
            var y = new double[60];
            for (int r = 0; r < 60; r++)
            {
                x[r, 0] = random.NextDouble() * 2 - 1;
                y[r] = Math.Exp(x[r, 0]);
            }

            return DiscoveryData.Split(x, y, new[] { "t" }, "y", 0.2, 0);
        }

        /// <summary>A [1,1] network on normalised inputs in [-1, 1] whose edge is fn(x): log is NaN on half the rows.</summary>
        private static KanNetwork SnappedTo(DiscoveryData data, string fn)
        {
            var net = KanNetwork.Create(new[] { 1, 1 });
            net.SetInputNormalization(data.InputScale, data.InputBias);
            net.SetSymbolic(0, 0, 0, fn, 1.0, 0.0, 1.0, 0.0);
            net.SetMode(0, 0, 0, "s");
            return net;
        }
    }
}

namespace Kan.Training.Tests.Discovery
{
    public class KnownConstantsTests
    {
        [Theory]
        [InlineData(0.079577471545947673, "(1/(4*pi))")]
        [InlineData(0.3989422804014327, "(1/sqrt(2*pi))")]
        [InlineData(1.5707963267948966, "(pi/2)")]
        [InlineData(0.70710678118654757, "(1/sqrt(2))")]
        [InlineData(4.9348022005446793, "(pi^2/2)")]
        [InlineData(0.5, null)]
        [InlineData(1.2345678, null)]
        public void Recognises_fractions_of_pi_and_square_roots_to_the_rounding_kept(double value, string? name)
        {
            KnownConstants.Recognise(Math.Round(value, 9), 0.6e-9).ShouldBe(name);
        }

        [Fact]
        public void Names_them_in_the_printed_formula_only()
        {
            Kan.Formulas.Expr f = Kan.Formulas.Expr.Multiply(Kan.Formulas.Expr.Constant(0.079577472), Kan.Formulas.Expr.Variable(0, "q"));
            KnownConstants.Name(f, 9).ShouldBe("(1/(4*pi))*q");
            KnownConstants.Name(f, 3).ShouldBe(f.ToString());
        }
    }
}

namespace Kan.Training.Tests.Discovery
{
    public class FormulaReadingTests
    {
        [Fact]
        public void Exponential_products_merge_and_gaussians_read_as_exponentials()
        {
            var exp = Kan.Symbolic.SymbolicFunctions.Get("exp");
            var x = Kan.Formulas.Expr.Variable(0, "x");
            var y = Kan.Formulas.Expr.Variable(1, "y");
            Kan.Formulas.Expr product = Kan.Formulas.Expr.Multiply(Kan.Formulas.Expr.Constant(2.0), Kan.Formulas.Expr.Call(exp, x), Kan.Formulas.Expr.Call(exp, Kan.Formulas.Expr.Multiply(Kan.Formulas.Expr.Constant(3.0), y)));
            Kan.Formulas.Expr merged = Kan.Formulas.FormulaSimplifier.Simplify(FormulaReading.MergeExponentials(Kan.Formulas.FormulaSimplifier.Simplify(product)));
            merged.ToString().ShouldBe("2*exp(x + 3*y)");
            merged.Evaluate(new[] { 0.3, -0.7 }).ShouldBe(product.Evaluate(new[] { 0.3, -0.7 }), 1e-12);

            var gaussian = Kan.Symbolic.SymbolicFunctions.Get("gaussian");
            Kan.Formulas.Expr g = Kan.Formulas.Expr.Call(gaussian, Kan.Formulas.Expr.Multiply(Kan.Formulas.Expr.Constant(0.7071067811865476), x));
            Kan.Formulas.Expr read = Kan.Formulas.FormulaSimplifier.Simplify(FormulaReading.GaussianAsExp(g));
            read.ToString().ShouldBe("exp(-0.5000000000000001*x^2)");
            read.Evaluate(new[] { 1.3, 0.0 }).ShouldBe(g.Evaluate(new[] { 1.3, 0.0 }), 1e-12);
        }
    }
}
