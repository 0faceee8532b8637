using System;
using Kan.Splines;
using Kan.Training;
using Kan.Training.Compute;

namespace Kan.Training.Tests.Compute
{
    /// <summary>The training hot loop's basis and span search against the shared reference implementation.</summary>
    public class ReciprocalBasisTests
    {
        [Fact]
        public void FindSpan_and_basis_match_BSplineBasis_on_random_and_repeated_knots()
        {
            var random = new Random(11);
            int cubicChecked = 0;
            for (int trial = 0; trial < 300; trial++)
            {
                int k = random.Next(1, 4), g = random.Next(1, 9);
                var net = KanNetwork.Create(new[] { 1, 1 }, new KanNetworkOptions { Grid = g, K = k, Seed = trial });
                NetworkLayer layer = net.Layers[0];
                double[] knots = layer.Arrays.Knots;
                // Irregular, sometimes repeated knots.
                double t = -2;
                for (int q = 0; q < knots.Length; q++)
                {
                    t += random.Next(5) == 0 ? 0.0 : random.NextDouble();
                    knots[q] = t;
                }

                double[] table = ReciprocalBasis.Build(layer, out bool[] zeroWidth);
                var values = new double[k + 1];
                var derivs = new double[k + 1];
                var refValues = new double[k + 1];
                var refDerivs = new double[k + 1];
                for (int s = 0; s < 50; s++)
                {
                    double x = random.Next(4) == 0 ? knots[random.Next(knots.Length)] : knots[0] - 0.5 + random.NextDouble() * (knots[^1] - knots[0] + 1);
                    int span = ReciprocalBasis.FindSpan(knots, x);
                    span.ShouldBe(BSplineBasis.FindSpan(knots, x), $"x={x}");
                    if (span < 0)
                    {
                        continue;
                    }

                    ReciprocalBasis.Evaluate(knots, 0, knots.Length, table, 0, k, span, x, values, derivs, 0, zeroWidth[0]);
                    if (k == 3 && !zeroWidth[0] && span >= k && span <= knots.Length - 2 - k)
                    {
                        // The vector and scalar cubic paths compute the same terms in the same order: the same bits.
                        var scalarValues = new double[4];
                        var scalarDerivs = new double[4];
                        ReciprocalBasis.EvaluateCubicScalar(knots, 0, knots.Length, table, 0, span, x, scalarValues, scalarDerivs, 0);
                        var vectorValues = new double[4];
                        var vectorDerivs = new double[4];
                        ReciprocalBasis.EvaluateCubicVector(knots, 0, knots.Length, table, 0, span, x, vectorValues, vectorDerivs, 0);
                        vectorValues.ShouldBe(scalarValues);
                        vectorDerivs.ShouldBe(scalarDerivs);
                        cubicChecked++;
                    }

                    BSplineBasis.Evaluate(knots, k, span, x, refValues, refDerivs);
                    for (int r = 0; r <= k; r++)
                    {
                        values[r].ShouldBe(refValues[r], 1e-12 * Math.Max(1, Math.Abs(refValues[r])));
                        derivs[r].ShouldBe(refDerivs[r], 1e-9 * Math.Max(1, Math.Abs(refDerivs[r])));
                    }
                }
            }

            cubicChecked.ShouldBeGreaterThan(50);
        }
    }
}
