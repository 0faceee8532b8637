using System;
using System.Collections.Generic;
using System.Linq;
using Kan.Training;
using Kan.Training.Discovery;
using Kan.Training.Symbolic;

namespace Kan.Training.Tests.Discovery
{
    /// <summary>Discovery's log-space monomial guess (<see cref="MonomialFit"/>).</summary>
    public class MonomialFitTests
    {
        private static readonly (string Name, double Power)[] Powers =
        {
            ("x", 1), ("x^2", 2), ("x^3", 3), ("1/x", -1), ("1/x^2", -2), ("1/x^3", -3), ("sqrt", 0.5), ("x^1.5", 1.5), ("1/sqrt(x)", -0.5),
        };

        private static (double[,] X, double[] Y) Sample(Random random, (double Lo, double Hi)[] ranges, Func<double[], double> f, int rows)
        {
            var x = new double[rows, ranges.Length];
            var y = new double[rows];
            var v = new double[ranges.Length];
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < ranges.Length; c++)
                {
                    v[c] = ranges[c].Lo + (ranges[c].Hi - ranges[c].Lo) * random.NextDouble();
                    x[r, c] = v[c];
                }

                y[r] = f(v);
            }

            return (x, y);
        }

        [Fact]
        public void Random_monomials_get_their_exponents_and_the_built_network_computes_them()
        {
            var random = new Random(8);
            IReadOnlyList<LibraryFunction> library = SnapLibrary.Resolve(null);
            for (int trial = 0; trial < 30; trial++)
            {
                int n = 2 + random.Next(3);
                var powers = new (string Name, double Power)?[n];
                var ranges = new (double Lo, double Hi)[n];
                for (int c = 0; c < n; c++)
                {
                    powers[c] = random.Next(5) == 0 ? null : Powers[random.Next(Powers.Length)];
                    bool fractional = powers[c] is { } p && p.Power != Math.Round(p.Power);
                    double lo = 0.5 + 3 * random.NextDouble(), hi = lo + 0.5 + 4 * random.NextDouble();
                    // Integer powers may read a negative column; fractional ones need a positive one.
                    ranges[c] = !fractional && random.Next(2) == 0 ? (-hi, -lo) : (lo, hi);
                }

                if (powers.All(p => p is null))
                {
                    powers[0] = Powers[0];
                }

                double scale = (random.Next(2) == 0 ? -1 : 1) * Math.Exp(6 * random.NextDouble() - 3);
                Func<double[], double> f = v => scale * Enumerable.Range(0, n).Aggregate(1.0, (acc, c) => acc * (powers[c] is { } p ? Math.Pow(v[c], p.Power) : 1.0));
                var (x, y) = Sample(random, ranges, f, 200);

                var fit = MonomialFit.Fit(x, y, library);

                fit.ShouldNotBeNull("trial " + trial);
                fit!.Value.Powers.ShouldBe(powers.Select(p => p?.Name).ToArray());
                DiscoveryData data = DiscoveryData.Split(x, y, Enumerable.Range(0, n).Select(c => "x" + c).ToArray(), "y", 0.2, trial);
                double[,] predicted = data.ToCallerUnits(MonomialFit.Build(fit.Value, data)).Forward(x);
                for (int r = 0; r < y.Length; r++)
                {
                    predicted[r, 0].ShouldBe(y[r], 1e-9 * Math.Abs(y[r]) + 1e-12);
                }
            }
        }

        [Fact]
        public void Data_that_is_no_monomial_gets_no_guess()
        {
            var random = new Random(3);
            IReadOnlyList<LibraryFunction> library = SnapLibrary.Resolve(null);
            var positive = new[] { (1.0, 4.0), (1.0, 4.0) };
            MonomialFit.Fit(Sample(random, positive, v => v[0] + v[1], 100).X, Sample(random, positive, v => v[0] + v[1], 100).Y, library).ShouldBeNull("a sum");
            var (x, y) = Sample(random, positive, v => v[0] * v[1] * Math.Exp(v[1]), 100);
            MonomialFit.Fit(x, y, library).ShouldBeNull("an exponential factor");
            (x, y) = Sample(random, new[] { (-1.0, 4.0), (1.0, 4.0) }, v => v[0] * v[1], 100);
            MonomialFit.Fit(x, y, library).ShouldBeNull("an input and the target change sign");
            (x, y) = Sample(random, positive, v => Math.Pow(v[0], 0.7) * v[1], 100);
            MonomialFit.Fit(x, y, library).ShouldBeNull("x^0.7 is no library power");
            (x, y) = Sample(random, positive, v => v[0] * v[0] * v[1], 100);
            MonomialFit.Fit(x, y, SnapLibrary.Resolve(new[] { "x", "sin" })).ShouldBeNull("x^2 is not in the narrowed library");
        }

        [Fact]
        public void Discovery_returns_an_exact_monomial_without_training_a_network()
        {
            var (x, y) = Sample(new Random(6), new[] { (1.0, 3.0), (0.5, 2.0), (2.0, 5.0) }, v => 0.25 * v[0] * v[0] * Math.Sqrt(v[2]) / v[1], 300);
            DiscoveryResult result = FormulaDiscovery.Run(x, y, new[] { "a", "b", "c" }, "y", new DiscoveryOptions { Seed = 1 });

            result.Chosen.ShouldNotBeNull();
            result.Chosen!.Trial.ShouldStartWith("monomial");
            result.ParetoFront.Count.ShouldBe(1, "no trial ran after the exact guess");
            result.Chosen.ValidationRmse.ShouldBeLessThan(1e-7 * y.Max());
            result.Chosen.Formula.ShouldContain("sqrt(c)");
            result.Model.Layers.Select(l => l.Mask.ToArray()).ShouldAllBe(mask => mask.All(m => m == 0.0), "no spline edge");
        }
    }
}
