using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Kan.Splines;

namespace Kan.Training.Grid
{
    /// <summary>
    /// The normal equations of <see cref="SplineLeastSquares"/>: the Gram matrix of the B-spline basis over the
    /// samples and the products of the basis with each right-hand side, every entry summed in sample order.
    /// A grid update refits every input of every layer on the whole batch, so this loop is most of its cost. For
    /// cubic splines on AVX2 hardware a sample's four basis values are computed in the lanes of one vector (each lane
    /// the subtractions, divisions, products and sum of <see cref="BSplineBasis.Evaluate(ReadOnlySpan{double}, int, int, double, Span{double})"/>
    /// for its basis function, so the same bits), a Gram row's four entries and four right-hand sides at a time are
    /// updated in one vector, kept row by row (the Gram rows padded) and moved to the column-major layout at the
    /// end; every entry receives the same products in the same order as the scalar loop.
    /// </summary>
    internal static class NormalEquations
    {
        private const int CubicLanes = 4;
        private const int MaxCountedKnots = 64;

        public static bool VectorEnabled(int k, bool vectors) => vectors && k == 3 && Avx2.IsSupported;

        /// <summary>
        /// Adds to <paramref name="gram"/> [m, m] (column-major: entry (a, b) at b * m + a) and <paramref name="rhs"/>
        /// [m, rhsCount] (column-major) the terms of the samples <paramref name="x"/> with values
        /// <paramref name="values"/>[s * rhsCount + j]; both start at zero.
        /// </summary>
        public static void Accumulate(ReadOnlySpan<double> knots, int k, ReadOnlySpan<double> x, ReadOnlySpan<double> values, int rhsCount, double[] gram, double[] rhs, bool vectors = true)
        {
            if (VectorEnabled(k, vectors))
            {
                AccumulateCubic(knots, x, values, rhsCount, gram, rhs);
            }
            else
            {
                AccumulateScalar(knots, k, x, values, rhsCount, gram, rhs);
            }
        }

        private static void AccumulateScalar(ReadOnlySpan<double> knots, int k, ReadOnlySpan<double> x, ReadOnlySpan<double> values, int rhsCount, double[] gram, double[] rhs)
        {
            int m = knots.Length - k - 1;
            Span<double> basis = stackalloc double[k + 1];
            for (int s = 0; s < x.Length; s++)
            {
                int span = BSplineBasis.FindSpan(knots, x[s]);
                if (span < 0)
                {
                    continue;
                }

                BSplineBasis.Evaluate(knots, k, span, x[s], basis);
                int first = span - k;
                for (int r = 0; r <= k; r++)
                {
                    int a = first + r;
                    if ((uint)a >= (uint)m || basis[r] == 0.0)
                    {
                        continue;
                    }

                    for (int q = 0; q <= k; q++)
                    {
                        int b = first + q;
                        if ((uint)b < (uint)m)
                        {
                            gram[b * m + a] += basis[r] * basis[q];
                        }
                    }

                    for (int j = 0; j < rhsCount; j++)
                    {
                        rhs[j * m + a] += basis[r] * values[s * rhsCount + j];
                    }
                }
            }
        }

        private static void AccumulateCubic(ReadOnlySpan<double> knots, ReadOnlySpan<double> x, ReadOnlySpan<double> values, int rhsCount, double[] gram, double[] rhs)
        {
            const int k = 3;
            int count = knots.Length;
            int m = count - k - 1;
            // Knots with k+1 zeros on each side: a lane whose basis function is out of range loads from the padding
            // and is zeroed like the scalar code's.
            var padded = new double[count + 2 * CubicLanes];
            knots.CopyTo(padded.AsSpan(CubicLanes));
            // Gram rows a with columns b + k (b from -k to m - 1 + k; columns outside [0, m) are dropped at the end).
            int stride = m + 2 * k;
            var rows = new double[m * stride];
            var rhsRows = new double[m * rhsCount];
            Span<double> basis = stackalloc double[CubicLanes];
            // Counting costs a compare per knot: beyond a few dozen knots the binary search is cheaper.
            bool counted = knots.Length <= MaxCountedKnots && Ordered(knots);
            ref double t = ref MemoryMarshal.GetArrayDataReference(padded);
            ref double rowsStart = ref MemoryMarshal.GetArrayDataReference(rows);
            for (int s = 0; s < x.Length; s++)
            {
                double xs = x[s];
                int span = counted ? SpanInOrderedKnots(knots, xs) : BSplineBasis.FindSpan(knots, xs);
                if (span < 0)
                {
                    continue;
                }

                int first = span - k;
                Vector256<double> b = CubicBasis(ref Unsafe.Add(ref t, CubicLanes + first), first, count, xs);
                b.CopyTo(basis);
                for (int r = 0; r <= k; r++)
                {
                    int a = first + r;
                    double br = basis[r];
                    if ((uint)a >= (uint)m || br == 0.0)
                    {
                        continue;
                    }

                    ref double row = ref Unsafe.Add(ref rowsStart, a * stride + first + k);
                    (Vector256.LoadUnsafe(ref row) + Vector256.Create(br) * b).StoreUnsafe(ref row);
                    int o = a * rhsCount;
                    int v = s * rhsCount;
                    int j = 0;
                    for (; j + CubicLanes <= rhsCount; j += CubicLanes)
                    {
                        ref double target = ref rhsRows[o + j];
                        (Vector256.LoadUnsafe(ref target) + Vector256.Create(br) * Vector256.Create(values.Slice(v + j, CubicLanes))).StoreUnsafe(ref target);
                    }

                    for (; j < rhsCount; j++)
                    {
                        rhsRows[o + j] += br * values[v + j];
                    }
                }
            }

            for (int a = 0; a < m; a++)
            {
                for (int c = 0; c < m; c++)
                {
                    gram[c * m + a] = rows[a * stride + c + k];
                }

                for (int j = 0; j < rhsCount; j++)
                {
                    rhs[j * m + a] = rhsRows[a * rhsCount + j];
                }
            }
        }

        /// <summary>The knots are non-decreasing and not NaN (as every grid built from samples or a range is).</summary>
        internal static bool Ordered(ReadOnlySpan<double> knots)
        {
            for (int q = 0; q < knots.Length; q++)
            {
                if (double.IsNaN(knots[q]) || (q > 0 && knots[q] < knots[q - 1]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// <see cref="BSplineBasis.FindSpan"/> for ordered knots (<see cref="Ordered"/>), where both give the largest s
        /// with <c>t[s] &lt;= x</c> for x in <c>[t[0], t[last])</c>, found by counting the knots up to x four at a time:
        /// sample points fall at random, and the branches of a binary search mispredict about half the time.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static int SpanInOrderedKnots(ReadOnlySpan<double> knots, double x)
        {
            int count = knots.Length;
            if (!(x >= knots[0]) || !(x < knots[count - 1]))
            {
                return -1;
            }

            Vector256<double> xv = Vector256.Create(x);
            ref double t = ref MemoryMarshal.GetReference(knots);
            int atOrBelow = 0, q = 0;
            for (; q + CubicLanes <= count - 1; q += CubicLanes)
            {
                atOrBelow += BitOperations.PopCount(Vector256.LessThanOrEqual(Vector256.LoadUnsafe(ref t, (nuint)q), xv).ExtractMostSignificantBits());
            }

            for (; q < count - 1; q++)
            {
                atOrBelow += Unsafe.Add(ref t, q) <= x ? 1 : 0;
            }

            return atOrBelow - 1;
        }

        /// <summary>
        /// <see cref="BSplineBasis.Evaluate(ReadOnlySpan{double}, int, int, double, Span{double})"/> for k = 3, lane r
        /// holding B_{first+r}(x); <paramref name="t"/> is the knot at index <paramref name="first"/> of a padded copy.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<double> CubicBasis(ref double t, int first, int count, double x)
        {
            Vector256<double> xv = Vector256.Create(x);
            Vector256<double> index = Vector256.Create((double)first) + Vector256.Create(0.0, 1.0, 2.0, 3.0);
            Vector256<double> values = Vector256.Create(0.0, 0.0, 0.0, 1.0);
            Vector256<double> ti = Vector256.LoadUnsafe(ref t);
            Vector256<double> ti1 = Vector256.LoadUnsafe(ref t, 1);
            for (int p = 1; p <= 3; p++)
            {
                Vector256<double> tip = Vector256.LoadUnsafe(ref t, (nuint)p);
                Vector256<double> tip1 = Vector256.LoadUnsafe(ref t, (nuint)(p + 1));
                Vector256<double> a = tip - ti;
                Vector256<double> b = tip1 - ti1;
                Vector256<double> left = values;
                // Lane r takes lane r+1 of the previous level; the last lane takes 0 (r == k).
                Vector256<double> right = Avx.Blend(Avx2.Permute4x64(values, 0b11_11_10_01), Vector256<double>.Zero, 0b1000);
                Vector256<double> term = (xv - ti) / a * left + (tip1 - xv) / b * right;
                // Basis functions 0..count-2-p exist at level p; a zero-width span zeroes the function (pykan's NaN).
                Vector256<double> zero = Vector256.LessThan(index, Vector256<double>.Zero) | Vector256.GreaterThan(index, Vector256.Create((double)(count - 2 - p))) |
                    Vector256.Equals(a, Vector256<double>.Zero) | Vector256.Equals(b, Vector256<double>.Zero);
                values = Vector256.ConditionalSelect(zero, Vector256<double>.Zero, term);
            }

            return values;
        }
    }
}
