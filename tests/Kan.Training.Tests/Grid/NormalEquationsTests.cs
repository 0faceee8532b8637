using System;
using System.Linq;
using Kan.Splines;
using Kan.Training.Grid;

namespace Kan.Training.Tests.Grid
{
    public class NormalEquationsTests
    {
        /// <summary>
        /// The least-squares refit's normal equations: the cubic vector path gives bit for bit the scalar path's Gram
        /// matrix and right-hand sides, on irregular and repeated knots (zero-width spans), with samples inside and
        /// outside the grid, on knots, at its ends, NaN and infinite, for several grid sizes and right-hand side counts,
        /// and on knots out of order or NaN.
        /// </summary>
        [Fact]
        public void Cubic_vector_path_gives_the_scalar_path_bits()
        {
            if (!NormalEquations.VectorEnabled(3, vectors: true))
            {
                // Without AVX2 both calls take the scalar path; nothing to compare.
                NormalEquations.VectorEnabled(3, vectors: false).ShouldBeFalse();
                return;
            }

            var random = new Random(21);
            int nonZero = 0, spansChecked = 0;
            for (int trial = 0; trial < 400; trial++)
            {
                int g = trial % 40 == 3 ? 60 + random.Next(20) : 1 + random.Next(12), k = 3, rhsCount = 1 + random.Next(7);
                var knots = new double[g + 2 * k + 1];
                double t = random.NextDouble() * 4 - 2;
                for (int q = 0; q < knots.Length; q++)
                {
                    knots[q] = t;
                    t += trial % 3 == 0 && random.Next(4) == 0 ? 0.0 : random.NextDouble() * Math.Pow(10, random.Next(-3, 2));
                }

                if (trial % 50 == 7)
                {
                    // Knots out of order or NaN (a grid from samples with infinities): the vector path's span search
                    // must still agree with BSplineBasis.FindSpan.
                    knots[random.Next(knots.Length)] = random.Next(2) == 0 ? double.NaN : knots[0] - 1;
                }

                int n = random.Next(200);
                var x = new double[n];
                for (int s = 0; s < n; s++)
                {
                    x[s] = random.Next(12) switch
                    {
                        0 => knots[random.Next(knots.Length)],
                        1 => knots[0] - random.NextDouble(),
                        2 => knots[^1] + random.NextDouble(),
                        3 => random.Next(3) switch { 0 => double.NaN, 1 => double.PositiveInfinity, _ => double.NegativeInfinity },
                        _ => knots[0] + random.NextDouble() * (knots[^1] - knots[0]),
                    };
                }

                if (NormalEquations.Ordered(knots))
                {
                    foreach (double xs in x)
                    {
                        NormalEquations.SpanInOrderedKnots(knots, xs).ShouldBe(BSplineBasis.FindSpan(knots, xs), $"trial {trial}, x {xs:R}");
                        spansChecked++;
                    }
                }

                double[] values = Enumerable.Range(0, n * rhsCount).Select(_ => random.NextDouble() * 2 - 1).ToArray();
                int m = knots.Length - k - 1;
                var (vectorGram, vectorRhs) = (new double[m * m], new double[m * rhsCount]);
                var (scalarGram, scalarRhs) = (new double[m * m], new double[m * rhsCount]);
                NormalEquations.Accumulate(knots, k, x, values, rhsCount, vectorGram, vectorRhs, vectors: true);
                NormalEquations.Accumulate(knots, k, x, values, rhsCount, scalarGram, scalarRhs, vectors: false);
                vectorGram.Select(BitConverter.DoubleToInt64Bits).ShouldBe(scalarGram.Select(BitConverter.DoubleToInt64Bits), $"trial {trial}");
                vectorRhs.Select(BitConverter.DoubleToInt64Bits).ShouldBe(scalarRhs.Select(BitConverter.DoubleToInt64Bits), $"trial {trial}");
                nonZero += scalarGram.Count(v => v != 0.0);
            }

            nonZero.ShouldBeGreaterThan(10_000);
            spansChecked.ShouldBeGreaterThan(20_000);
        }
    }
}
