using System;
using System.Linq;
using Kan.Training;
using Kan.Training.Discovery;

namespace Kan.Training.Tests.Discovery
{
    /// <summary>End-to-end discovery on one-variable problems small enough for CI (about a hundred rows).</summary>
    public class FormulaDiscoveryTests
    {
        private static (double[,] X, double[] Y) Sample(Func<double, double> f, double lo, double hi, int rows, int seed)
        {
            var random = new Random(seed);
            var x = new double[rows, 1];
            var y = new double[rows];
            for (int r = 0; r < rows; r++)
            {
                x[r, 0] = lo + (hi - lo) * random.NextDouble();
                y[r] = f(x[r, 0]);
            }

            return (x, y);
        }

        [Fact]
        public void Recovers_an_exponential_exactly_and_the_written_network_computes_it()
        {
            Func<double, double> f = t => 2.5 * Math.Exp(-1.5 * t) + 1.0;
            var (x, y) = Sample(f, 0, 2, 120, 1);
            DiscoveryResult result = FormulaDiscovery.Run(x, y, new[] { "t" }, "y", new DiscoveryOptions { Seed = 3 });

            result.Chosen.ShouldNotBeNull();
            result.Chosen!.Formula.ShouldContain("exp(");
            result.Chosen.ValidationRmse.ShouldBeLessThan(1e-6);
            result.TimedOut.ShouldBeFalse();
            result.Model.ShouldBeSameAs(result.Chosen.Network);
            result.Model.Layers.Select(l => l.Mask.ToArray()).ShouldAllBe(mask => mask.All(m => m == 0.0), "no spline edge is left");
            // The network reads raw inputs and predicts the target in its own units, also off the training rows.
            var (fresh, truth) = Sample(f, 0, 2, 50, 99);
            double[,] predicted = result.Model.Forward(fresh);
            for (int r = 0; r < truth.Length; r++)
            {
                predicted[r, 0].ShouldBe(truth[r], 1e-5 * Math.Abs(truth[r]));
            }

            // The front is ordered by complexity with strictly falling error, and holds the choice.
            for (int k = 1; k < result.ParetoFront.Count; k++)
            {
                result.ParetoFront[k].Complexity.ShouldBeGreaterThanOrEqualTo(result.ParetoFront[k - 1].Complexity);
                result.ParetoFront[k].ValidationRmse.ShouldBeLessThan(result.ParetoFront[k - 1].ValidationRmse);
            }

            result.ParetoFront.ShouldContain(result.Chosen);
        }

        [Fact]
        public void Recovers_a_composition_of_two_library_functions_from_a_chain_of_two_edges()
        {
            // 2/sqrt(1 - t^2) is no library function of t: [1,1] cannot snap it, and the chain [1,1,1] splits it
            // between its edges in a way no pair of functions matches edge by edge; fitted as one composition it snaps.
            Func<double, double> f = t => 2 / Math.Sqrt(1 - t * t);
            var (x, y) = Sample(f, 0.1, 0.9, 120, 4);
            DiscoveryResult result = FormulaDiscovery.Run(x, y, new[] { "t" }, "y", new DiscoveryOptions { Seed = 0 });

            result.Chosen.ShouldNotBeNull();
            result.Chosen!.Formula.ShouldContain("t^2");
            result.Chosen.ValidationRmse.ShouldBeLessThan(1e-6);
            result.Model.Layers.Select(l => l.Mask.ToArray()).ShouldAllBe(mask => mask.All(m => m == 0.0), "no spline edge is left");
            var (fresh, truth) = Sample(f, 0.1, 0.9, 50, 98);
            double[,] predicted = result.Model.Forward(fresh);
            for (int r = 0; r < truth.Length; r++)
            {
                predicted[r, 0].ShouldBe(truth[r], 1e-6 * truth[r]);
            }
        }

        [Fact]
        public void The_same_seed_gives_the_same_result_and_no_formula_means_the_spline_model()
        {
            // |t|^0.7 * sign(t) has no library form on an interval around 0: no formula is within tolerance.
            Func<double, double> f = t => Math.Sign(t) * Math.Pow(Math.Abs(t), 0.7) + 0.3 * t * t;
            var (x, y) = Sample(f, -1, 1, 100, 2);
            var options = new DiscoveryOptions { Seed = 5, Library = new[] { "x", "x^2", "sin", "exp" } };
            DiscoveryResult a = FormulaDiscovery.Run(x, y, new[] { "t" }, "y", options);
            DiscoveryResult b = FormulaDiscovery.Run(x, y, new[] { "t" }, "y", options);

            a.ParetoFront.Select(c => c.Formula).ShouldBe(b.ParetoFront.Select(c => c.Formula));
            a.ModelValidationRmse.ShouldBe(b.ModelValidationRmse);
            a.Chosen.ShouldBeNull();
            a.Tolerance.ShouldBeLessThan(a.ParetoFront.Count == 0 ? double.PositiveInfinity : a.ParetoFront.Min(c => c.ValidationRmse));
            a.Model.Layers.Any(l => l.Mask.ToArray().Any(m => m != 0.0)).ShouldBeTrue("the spline model is written");
        }

        [Fact]
        public void Bad_input_is_rejected_before_any_training()
        {
            var x = new double[10, 1];
            Should.Throw<ArgumentException>(() => FormulaDiscovery.Run(x, new double[10], new[] { "t" }, "y")).Message.ShouldContain("at least 20 rows");
            var (x2, _) = Sample(t => t, 0, 1, 50, 0);
            Should.Throw<ArgumentException>(() => FormulaDiscovery.Run(x2, Enumerable.Repeat(4.0, 50).ToArray(), new[] { "t" }, "y")).Message.ShouldContain("constant");
            Should.Throw<ArgumentException>(() => FormulaDiscovery.Run(x2, new double[49], new[] { "t" }, "y")).Message.ShouldContain("49");
            Should.Throw<ArgumentException>(() => FormulaDiscovery.Run(x2, new double[50], new[] { "t" }, "y", new DiscoveryOptions { Library = new[] { "nope" } })).Message.ShouldContain("nope");
        }
    }
}
