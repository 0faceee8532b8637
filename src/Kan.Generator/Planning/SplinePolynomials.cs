using System;
using System.Collections.Immutable;

namespace Kan.Generator.Planning
{
    /// <summary>
    /// Converts B-spline edges to piecewise polynomials at generation time. On knot interval s every basis
    /// function is a polynomial of degree k; we run the same Cox–de Boor recursion as
    /// <see cref="Splines.BSplineBasis.Evaluate"/> (pykan's <c>B_batch</c>, a zero-width span zeroing the basis function)
    /// but on polynomials in the local variable <c>t = x - t_s</c>, which is exact algebra and keeps the power
    /// basis well conditioned (|t| is at most the interval width, so no large powers of |x| cancel).
    /// </summary>
    internal static class SplinePolynomials
    {
        /// <summary>
        /// The power-basis coefficients (index = power of t) of <c>B_{s-k+r}</c> on interval s, for r = 0..k;
        /// basis functions outside the <c>knots.Length - k - 1</c> that exist are the zero polynomial.
        /// </summary>
        public static double[][] Basis(ImmutableArray<double> knots, int offset, int count, int k, int s)
        {
            var values = new double[k + 1][];
            for (int r = 0; r <= k; r++)
            {
                values[r] = new double[k + 1];
            }

            values[k][0] = 1.0;
            double ts = knots[offset + s];
            int first = s - k;
            for (int p = 1; p <= k; p++)
            {
                int lastValid = count - 2 - p;
                for (int r = 0; r <= k; r++)
                {
                    int i = first + r;
                    double[] result = new double[k + 1];
                    if (i >= 0 && i <= lastValid)
                    {
                        double ti = knots[offset + i];
                        double tip = knots[offset + i + p];
                        double ti1 = knots[offset + i + 1];
                        double tip1 = knots[offset + i + p + 1];
                        double a = tip - ti;
                        double b = tip1 - ti1;
                        // Same rule as BSplineBasis.Evaluate (pykan's nan_to_num): a zero-width span on either
                        // side makes the whole basis function 0.
                        if (a != 0.0 && b != 0.0)
                        {
                            // (x - t_i) / a * left, with x - t_i = t + (t_s - t_i)
                            AddLinearTimes(result, values[r], (ts - ti) / a, 1.0 / a);
                            if (r < k)
                            {
                                // (t_{i+p+1} - x) / b * right, with t_{i+p+1} - x = (t_{i+p+1} - t_s) - t
                                AddLinearTimes(result, values[r + 1], (tip1 - ts) / b, -1.0 / b);
                            }
                        }
                    }

                    values[r] = result;
                }
            }

            return values;
        }

        /// <summary>
        /// The polynomial of one edge's spline on interval s, scaled by <paramref name="scale"/>:
        /// <c>scale * sum_r coef[s-k+r] * B_{s-k+r}</c>.
        /// </summary>
        public static double[] Combine(double[][] basis, ImmutableArray<double> coefficients, int coefOffset, int coefCount, int k, int s, double scale)
        {
            var poly = new double[k + 1];
            for (int r = 0; r <= k; r++)
            {
                int m = s - k + r;
                if ((uint)m >= (uint)coefCount)
                {
                    continue;
                }

                double c = scale * coefficients[coefOffset + m];
                if (c == 0.0)
                {
                    continue;
                }

                for (int q = 0; q <= k; q++)
                {
                    poly[q] += c * basis[r][q];
                }
            }

            return poly;
        }

        /// <summary>Highest power with a non-zero coefficient, or -1 for the zero polynomial.</summary>
        public static int Degree(double[] poly)
        {
            for (int q = poly.Length - 1; q >= 0; q--)
            {
                if (poly[q] != 0.0)
                {
                    return q;
                }
            }

            return -1;
        }

        /// <summary>
        /// True when the knots are evenly spaced: every knot within 1e-6 h of <c>t0 + m h</c>. Then
        /// <c>(x - t0) / h</c> lands on the right interval but for rounding at knots, which the exact correcting
        /// comparisons fix (well predicted, as they almost never fire). Adaptive grids (pykan's grid_eps &lt; 1) fail
        /// this test on purpose: measured, their frequent corrections mispredict and cost more than counting knots.
        /// The tolerance affects speed only, never results.
        /// </summary>
        public static bool IsUniform(ImmutableArray<double> knots, int offset, int count)
        {
            double h = (knots[offset + count - 1] - knots[offset]) / (count - 1);
            if (!(h > 0.0) || double.IsInfinity(1.0 / h))
            {
                return false;
            }

            for (int m = 1; m < count; m++)
            {
                if (Math.Abs(knots[offset + m] - (knots[offset] + m * h)) > 1e-6 * h)
                {
                    return false;
                }
            }

            return true;
        }

        // result += (c0 + c1 * t) * poly; the top coefficient of poly is 0 at every level, so nothing overflows the degree.
        private static void AddLinearTimes(double[] result, double[] poly, double c0, double c1)
        {
            for (int q = poly.Length - 1; q >= 0; q--)
            {
                double v = poly[q];
                if (v == 0.0)
                {
                    continue;
                }

                result[q] += c0 * v;
                if (q + 1 < result.Length)
                {
                    result[q + 1] += c1 * v;
                }
            }
        }
    }
}
