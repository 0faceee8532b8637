using System;
using System.Runtime.Intrinsics;
using Kan.Training;
using Kan.Training.Compute;

namespace Kan.Training.Tests.Compute
{
    /// <summary>
    /// The eight-row cubic basis against the one-row path it replaces: the same spans (as FindSpan), the rows outside
    /// the interior spans named, and the same bits of every other row's values and derivatives.
    /// </summary>
    public class CubicBasisLanesTests
    {
        [Fact]
        public void Eight_rows_give_the_spans_and_the_bits_of_the_one_row_path()
        {
            if (!CubicBasisLanes.Supported(3, 12))
            {
                // Without AVX-512 the lanes are never used, and there is nothing of theirs to compare.
                CubicBasisLanes.Supported(3, 12).ShouldBe(System.Runtime.Intrinsics.X86.Avx512F.IsSupported);
                return;
            }

            CubicBasisLanes.Supported(3, 32).ShouldBeTrue();
            CubicBasisLanes.Supported(3, 33).ShouldBeFalse();

            var random = new Random(5);
            int groupsChecked = 0, groupsDeclined = 0;
            for (int trial = 0; trial < 400; trial++)
            {
                // Both table widths: up to 16 knots (grids to 9) in two registers, up to 32 (grids to 25) in four.
                int g = random.Next(2) == 0 ? random.Next(1, 10) : random.Next(10, 26);
                var net = KanNetwork.Create(new[] { 1, 1 }, new KanNetworkOptions { Grid = g, K = 3, Seed = trial });
                NetworkLayer layer = net.Layers[0];
                double[] knots = layer.Arrays.Knots;
                int kc = knots.Length;
                CubicBasisLanes.Supported(3, kc).ShouldBeTrue();
                // Irregular knots, on a scale that varies between trials (pykan's grid updates make them so).
                double scale = Math.Pow(10, random.Next(-3, 4)), t = -scale * random.NextDouble();
                for (int q = 0; q < kc; q++)
                {
                    t += scale * (0.05 + random.NextDouble());
                    knots[q] = t;
                }

                double[] table = ReciprocalBasis.Build(layer, out bool[] zeroWidth);
                zeroWidth[0].ShouldBeFalse();
                CubicBasisLanes lanes = CubicBasisLanes.For(knots, table.AsSpan(0, 3 * kc));
                bool interiorOnly = random.Next(2) == 0;
                for (int group = 0; group < 20; group++)
                {
                    var xs = new double[8];
                    for (int q = 0; q < 8; q++)
                    {
                        xs[q] = Sample(random, knots, interiorOnly);
                    }

                    var spans = new int[8];
                    int stride = 4 + random.Next(3) * 4;
                    var basis = new double[8 * stride];
                    var dBasis = new double[8 * stride];
                    bool derivatives = random.Next(4) != 0;
                    uint others = lanes.Rows(knots, Vector512.Create(xs), ref spans[0], ref basis[0], ref dBasis[0], stride, derivatives);
                    uint expectedOthers = 0;
                    for (int q = 0; q < 8; q++)
                    {
                        spans[q].ShouldBe(ReciprocalBasis.FindSpan(knots, xs[q]), $"x={xs[q]:R}");
                        expectedOthers |= (uint)(spans[q] - 3) <= (uint)(kc - 8) ? 0u : 1u << q;
                    }

                    others.ShouldBe(expectedOthers);
                    groupsDeclined += others == 0 ? 0 : 1;
                    for (int q = 0; q < 8; q++)
                    {
                        if ((others & (1u << q)) != 0)
                        {
                            continue;
                        }

                        var values = new double[4];
                        var derivs = new double[4];
                        ReciprocalBasis.EvaluateCubicVector(knots, 0, kc, table, 0, spans[q], xs[q], values, derivs, 0);
                        for (int r = 0; r < 4; r++)
                        {
                            BitConverter.DoubleToInt64Bits(basis[q * stride + r]).ShouldBe(BitConverter.DoubleToInt64Bits(values[r]), $"row {q} value {r} at x={xs[q]:R}");
                            double d = derivatives ? dBasis[q * stride + r] : 0.0;
                            BitConverter.DoubleToInt64Bits(d).ShouldBe(BitConverter.DoubleToInt64Bits(derivatives ? derivs[r] : 0.0), $"row {q} derivative {r} at x={xs[q]:R}");
                        }

                        // Nothing written between rows.
                        for (int r = 4; r < stride; r++)
                        {
                            basis[q * stride + r].ShouldBe(0.0);
                        }
                    }

                    groupsChecked += others == 0 ? 1 : 0;
                }
            }

            groupsChecked.ShouldBeGreaterThan(500);
            groupsDeclined.ShouldBeGreaterThan(500);
        }

        /// <summary>Inside the interior spans, on a knot, at the ends, outside, or not a number.</summary>
        private static double Sample(Random random, double[] knots, bool interiorOnly)
        {
            int kc = knots.Length;
            double lo = knots[3], hi = knots[kc - 4];
            int kind = interiorOnly ? random.Next(2) : random.Next(8);
            return kind switch
            {
                0 => lo + (hi - lo) * random.NextDouble(),
                1 => knots[random.Next(3, kc - 4)],
                2 => knots[random.Next(kc)],
                3 => knots[0] - (knots[^1] - knots[0]) * random.NextDouble(),
                4 => knots[^1] + (knots[^1] - knots[0]) * random.NextDouble(),
                5 => random.Next(2) == 0 ? double.NaN : (random.Next(2) == 0 ? double.PositiveInfinity : double.NegativeInfinity),
                6 => Math.BitDecrement(knots[random.Next(1, kc)]),
                _ => knots[0] + (knots[^1] - knots[0]) * random.NextDouble(),
            };
        }
    }
}
