using System;
using Kan.Splines;

namespace Kan.Training.Compute
{
    /// <summary>
    /// d/dx of the k+1 non-zero basis functions that <see cref="BSplineBasis.Evaluate"/> returns, from the order k-1
    /// basis: <c>B'_{m,k} = k (B_{m,k-1}/(t_{m+k}-t_m) - B_{m+1,k-1}/(t_{m+k+1}-t_{m+1}))</c>, zero-width spans
    /// contributing 0 as in pykan's <c>B_batch</c>. This is what autograd yields through pykan's recursion.
    /// </summary>
    internal static class SplineDerivative
    {
        public static void Evaluate(ReadOnlySpan<double> knots, int k, int span, double x, Span<double> lower, Span<double> derivative)
        {
            BSplineBasis.Evaluate(knots, k - 1, span, x, lower);
            int count = knots.Length;
            int first = span - k;
            for (int r = 0; r <= k; r++)
            {
                int m = first + r;
                double d = 0.0;
                if (m >= 0 && m + k + 1 < count)
                {
                    if (r >= 1)
                    {
                        double w = knots[m + k] - knots[m];
                        if (w != 0.0)
                        {
                            d += lower[r - 1] / w;
                        }
                    }

                    if (r < k)
                    {
                        double w = knots[m + k + 1] - knots[m + 1];
                        if (w != 0.0)
                        {
                            d -= lower[r] / w;
                        }
                    }
                }

                derivative[r] = k * d;
            }
        }
    }
}
