using System;

namespace Kan.Training.Compute
{
    /// <summary>
    /// The training hot loop's B-spline basis: the same recursion, term order and zero-width rule as
    /// <see cref="Kan.Splines.BSplineBasis.Evaluate(ReadOnlySpan{double}, int, int, double, Span{double}, Span{double})"/>,
    /// but with the knot-width reciprocals precomputed once per forward pass, because the divisions dominated the
    /// cost of a training step. Values differ from BSplineBasis only by rounding (the forward-equivalence test
    /// holds them to 1e-12 of the reference evaluator). Zero-width spans have reciprocal 0, meaning "force 0".
    /// </summary>
    internal static class ReciprocalBasis
    {
        /// <summary>Reciprocals <c>[input][p-1][idx] = 1/(t[idx+p]-t[idx])</c>, 0 for zero width; laid out [in, k, KnotCount].</summary>
        public static double[] Build(NetworkLayer layer)
        {
            int kc = layer.KnotCount, k = layer.K;
            var table = new double[layer.InputCount * k * kc];
            for (int i = 0; i < layer.InputCount; i++)
            {
                int to = i * kc;
                for (int p = 1; p <= k; p++)
                {
                    int row = (i * k + p - 1) * kc;
                    for (int idx = 0; idx + p < kc; idx++)
                    {
                        double w = layer.Knots[to + idx + p] - layer.Knots[to + idx];
                        table[row + idx] = w == 0.0 ? 0.0 : 1.0 / w;
                    }
                }
            }

            return table;
        }

        /// <summary>
        /// Fills <paramref name="values"/>[vo .. vo+k] with the k+1 non-zero basis values at x (span from FindSpan) and,
        /// when <paramref name="derivs"/> is given, their derivatives at the same offsets.
        /// </summary>
        public static void Evaluate(double[] knots, int knotOffset, int kc, double[] table, int tableOffset, int k, int span, double x, double[] values, double[]? derivs, int vo)
        {
            for (int r = 0; r < k; r++)
            {
                values[vo + r] = 0.0;
            }

            values[vo + k] = 1.0;
            int first = span - k;
            for (int p = 1; p <= k; p++)
            {
                int lastValid = kc - 2 - p;
                int row = tableOffset + (p - 1) * kc;
                bool lastLevel = p == k && derivs is not null;
                for (int r = 0; r <= k; r++)
                {
                    int i = first + r;
                    if (i < 0 || i > lastValid)
                    {
                        values[vo + r] = 0.0;
                        if (lastLevel)
                        {
                            derivs![vo + r] = 0.0;
                        }

                        continue;
                    }

                    double left = values[vo + r];
                    double right = r < k ? values[vo + r + 1] : 0.0;
                    double ia = table[row + i];
                    double ib = table[row + i + 1];
                    if (ia == 0.0 || ib == 0.0)
                    {
                        values[vo + r] = 0.0;
                        if (lastLevel)
                        {
                            derivs![vo + r] = 0.0;
                        }

                        continue;
                    }

                    double ti = knots[knotOffset + i];
                    double tip1 = knots[knotOffset + i + p + 1];
                    values[vo + r] = (x - ti) * ia * left + (tip1 - x) * ib * right;
                    if (lastLevel)
                    {
                        derivs![vo + r] = k * (left * ia - right * ib);
                    }
                }
            }
        }
    }
}
