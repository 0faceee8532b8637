// Shared source: compiled into Kan.Runtime and Kan.Generator.
using System;

namespace Kan.Splines
{
    /// <summary>
    /// B-spline basis functions exactly as pykan's <c>B_batch</c> (kan/spline.py) defines them: half-open
    /// indicators <c>t[m] &lt;= x &lt; t[m+1]</c> at order 0, the Cox–de Boor recursion with each term written in
    /// the same order of operations, a basis function whose recursion divides by a zero-width knot span being 0 (pykan
    /// computes NaN for it and <c>nan_to_num</c> zeroes it), and every
    /// basis function 0 outside <c>[t[0], t[last])</c>. Only the k+1 functions that can be non-zero at x are
    /// computed, so a whole input costs O(k^2) whatever the grid size.
    /// </summary>
    public static class BSplineBasis
    {
        /// <summary>
        /// The knot interval s with <c>t[s] &lt;= x &lt; t[s+1]</c>, or -1 when x is outside <c>[t[0], t[last])</c>
        /// or NaN. With repeated knots the non-empty interval is returned.
        /// </summary>
        public static int FindSpan(ReadOnlySpan<double> knots, double x)
        {
            int count = knots.Length;
            if (!(x >= knots[0]) || !(x < knots[count - 1]))
            {
                return -1;
            }

            int lo = 0, hi = count - 1; // invariant: t[lo] <= x < t[hi]
            while (hi - lo > 1)
            {
                int mid = (lo + hi) >> 1;
                if (knots[mid] <= x)
                {
                    lo = mid;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo;
        }

        /// <summary>
        /// Fills <c>values[r]</c> (r = 0..k) with <c>B_{span-k+r}(x)</c> of order k; entries whose index falls outside
        /// the <c>knots.Length - k - 1</c> basis functions are 0. <paramref name="span"/> comes from <see cref="FindSpan"/>.
        /// </summary>
        public static void Evaluate(ReadOnlySpan<double> knots, int k, int span, double x, Span<double> values) =>
            Evaluate(knots, k, span, x, values, Span<double>.Empty);

        /// <summary>
        /// As <see cref="Evaluate(ReadOnlySpan{double}, int, int, double, Span{double})"/>, and when
        /// <paramref name="derivatives"/> is not empty also fills <c>derivatives[r]</c> with d/dx of the same basis
        /// functions, from the order k-1 values the recursion passes through:
        /// <c>B'_{m,k} = k (B_{m,k-1}/(t_{m+k}-t_m) - B_{m+1,k-1}/(t_{m+k+1}-t_{m+1}))</c>, zero where the value is
        /// forced to zero (what autograd gives through pykan's recursion). Values are bit-identical either way.
        /// </summary>
        public static void Evaluate(ReadOnlySpan<double> knots, int k, int span, double x, Span<double> values, Span<double> derivatives)
        {
            int count = knots.Length;
            for (int r = 0; r < k; r++)
            {
                values[r] = 0.0;
            }

            values[k] = 1.0;
            int first = span - k;
            for (int p = 1; p <= k; p++)
            {
                int lastValid = count - 2 - p; // level p has basis functions 0..count-2-p
                for (int r = 0; r <= k; r++)
                {
                    int i = first + r;
                    if (i < 0 || i > lastValid)
                    {
                        values[r] = 0.0;
                        if (p == k && !derivatives.IsEmpty)
                        {
                            derivatives[r] = 0.0;
                        }

                        continue;
                    }

                    double left = values[r];
                    double right = r < k ? values[r + 1] : 0.0;
                    double ti = knots[i];
                    double tip = knots[i + p];
                    double ti1 = knots[i + 1];
                    double tip1 = knots[i + p + 1];
                    double a = tip - ti;
                    double b = tip1 - ti1;
                    // pykan divides by the zero width anyway: 0/0 or +-inf * 0 is NaN, so the whole sum is NaN and
                    // nan_to_num makes B_{i,p} 0 everywhere, not just the one term.
                    values[r] = a == 0.0 || b == 0.0 ? 0.0 : (x - ti) / a * left + (tip1 - x) / b * right;
                    if (p == k && !derivatives.IsEmpty)
                    {
                        derivatives[r] = a == 0.0 || b == 0.0 ? 0.0 : k * (left / a - right / b);
                    }
                }
            }
        }
    }
}
