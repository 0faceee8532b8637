using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

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
        /// <summary>
        /// The same interval as <see cref="Kan.Splines.BSplineBasis.FindSpan"/> (t[s] &lt;= x &lt; t[s+1], -1 outside or
        /// NaN; the interval is unique, so any exact search agrees): start from where x would fall on a uniform grid
        /// and walk, which for pykan's near-uniform grids is one or two comparisons instead of a binary search.
        /// </summary>
        public static int FindSpan(ReadOnlySpan<double> t, double x) => FindSpan(t, x, SpanScale(t));

        /// <summary><c>(KnotCount - 1) / (t[last] - t[0])</c>: what <see cref="FindSpan(ReadOnlySpan{double}, double, double)"/> multiplies by for its first guess.</summary>
        public static double SpanScale(ReadOnlySpan<double> t) => (t.Length - 1) / (t[t.Length - 1] - t[0]);

        /// <summary>
        /// <see cref="FindSpan(ReadOnlySpan{double}, double)"/> with the knots' <see cref="SpanScale"/> computed once
        /// by the caller (a row loop), so a guess costs a multiply, not a division; the guess only chooses where the
        /// exact walk starts.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int FindSpan(ReadOnlySpan<double> t, double x, double scale)
        {
            int last = t.Length - 1;
            double lo = t[0], hi = t[last];
            if (!(x >= lo) || !(x < hi))
            {
                return -1;
            }

            int s = (int)((x - lo) * scale);
            if (s < 0)
            {
                s = 0;
            }

            if (s > last - 1)
            {
                s = last - 1;
            }

            while (s > 0 && t[s] > x)
            {
                s--;
            }

            while (s < last - 1 && t[s + 1] <= x)
            {
                s++;
            }

            return s;
        }

        /// <summary>
        /// <see cref="EvaluateInterior"/> for cubic splines (pykan's default k=3) with the four basis values of a
        /// level in one <see cref="Vector256{T}"/>: each lane computes exactly the scalar terms of
        /// <see cref="EvaluateCubicScalar"/>, in the same order, so both give the same bits. Level p:
        /// <c>v[r] = (x - t[r]) * inv[r] * v[r] + (t[r+p+1] - x) * inv[r+1] * v[r+1]</c>, with v[4] = 0.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void EvaluateCubicVector(double[] knots, int knotOffset, int kc, double[] table, int tableOffset, int span, double x, double[] values, double[]? derivs, int vo)
        {
            int first = span - 3;
            if ((uint)first > (uint)(kc - 8) || knotOffset + kc > knots.Length || tableOffset + 3 * kc > table.Length || (uint)vo > (uint)(values.Length - 4) || (derivs is not null && (uint)vo > (uint)(derivs.Length - 4)))
            {
                throw new ArgumentOutOfRangeException(nameof(span));
            }

            EvaluateCubicVector(ref knots[knotOffset + first], ref table[tableOffset + first], kc, x, ref values[vo], ref derivs is null ? ref values[vo] : ref derivs[vo], derivs is not null);
        }

        /// <summary>
        /// <see cref="EvaluateCubicVector(double[], int, int, double[], int, int, double, double[], double[], int)"/> on
        /// references the caller has checked: <paramref name="t"/> at the span's first knot (span - 3; eight knots),
        /// <paramref name="inv"/> at the same index of the input's first reciprocal row (three rows of
        /// <paramref name="kc"/>), four values (and derivatives) at <paramref name="values"/> (<paramref name="derivs"/>).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static void EvaluateCubicVector(ref double t, ref double inv, int kc, double x, ref double values, ref double derivs, bool withDerivatives)
        {
            var xv = Vector256.Create(x);
            Vector256<double> lower = Vector256.LoadUnsafe(ref t);
            Vector256<double> v = Vector256.Create(0.0, 0.0, 0.0, 1.0);
            Vector256<double> ia = Vector256.LoadUnsafe(ref inv), ib = Vector256.LoadUnsafe(ref inv, 1);
            v = (xv - lower) * ia * v + (Vector256.LoadUnsafe(ref t, 2) - xv) * ib * ShiftDown(v);
            ia = Vector256.LoadUnsafe(ref inv, (nuint)kc);
            ib = Vector256.LoadUnsafe(ref inv, (nuint)kc + 1);
            v = (xv - lower) * ia * v + (Vector256.LoadUnsafe(ref t, 3) - xv) * ib * ShiftDown(v);
            Vector256<double> before = v;
            ia = Vector256.LoadUnsafe(ref inv, (nuint)(2 * kc));
            ib = Vector256.LoadUnsafe(ref inv, (nuint)(2 * kc) + 1);
            v = (xv - lower) * ia * v + (Vector256.LoadUnsafe(ref t, 4) - xv) * ib * ShiftDown(v);
            v.StoreUnsafe(ref values);
            if (withDerivatives)
            {
                (Vector256.Create(3.0) * (before * ia - ShiftDown(before) * ib)).StoreUnsafe(ref derivs);
            }
        }

        /// <summary>[v1, v2, v3, 0]: each lane's right neighbour, the last one past the span (always 0).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<double> ShiftDown(Vector256<double> v) =>
            Vector256.Shuffle(v, Vector256.Create(1L, 2L, 3L, 3L)) & Vector256.Create(-1L, -1L, -1L, 0L).AsDouble();

        /// <summary>
        /// <see cref="EvaluateInterior"/> unrolled for cubic splines, the basis held in locals: the same terms in the
        /// same order; the path when there is no vector unit.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        internal static void EvaluateCubicScalar(double[] knots, int knotOffset, int kc, double[] table, int tableOffset, int span, double x, double[] values, double[]? derivs, int vo)
        {
            int first = span - 3;
            ReadOnlySpan<double> t = knots.AsSpan(knotOffset + first, 8);
            ReadOnlySpan<double> i1 = table.AsSpan(tableOffset + first, 5);
            ReadOnlySpan<double> i2 = table.AsSpan(tableOffset + kc + first, 5);
            ReadOnlySpan<double> i3 = table.AsSpan(tableOffset + 2 * kc + first, 5);
            double v0 = 0.0, v1 = 0.0, v2 = 0.0, v3 = 1.0, v4 = 0.0;
            v0 = (x - t[0]) * i1[0] * v0 + (t[2] - x) * i1[1] * v1;
            v1 = (x - t[1]) * i1[1] * v1 + (t[3] - x) * i1[2] * v2;
            v2 = (x - t[2]) * i1[2] * v2 + (t[4] - x) * i1[3] * v3;
            v3 = (x - t[3]) * i1[3] * v3 + (t[5] - x) * i1[4] * v4;
            v0 = (x - t[0]) * i2[0] * v0 + (t[3] - x) * i2[1] * v1;
            v1 = (x - t[1]) * i2[1] * v1 + (t[4] - x) * i2[2] * v2;
            v2 = (x - t[2]) * i2[2] * v2 + (t[5] - x) * i2[3] * v3;
            v3 = (x - t[3]) * i2[3] * v3 + (t[6] - x) * i2[4] * v4;
            double l0 = v0, r0 = v1;
            v0 = (x - t[0]) * i3[0] * l0 + (t[4] - x) * i3[1] * r0;
            double l1 = v1, r1 = v2;
            v1 = (x - t[1]) * i3[1] * l1 + (t[5] - x) * i3[2] * r1;
            double l2 = v2, r2 = v3;
            v2 = (x - t[2]) * i3[2] * l2 + (t[6] - x) * i3[3] * r2;
            double l3 = v3, r3 = v4;
            v3 = (x - t[3]) * i3[3] * l3 + (t[7] - x) * i3[4] * r3;
            Span<double> o = values.AsSpan(vo, 4);
            o[0] = v0;
            o[1] = v1;
            o[2] = v2;
            o[3] = v3;
            if (derivs is not null)
            {
                Span<double> d = derivs.AsSpan(vo, 4);
                d[0] = 3 * (l0 * i3[0] - r0 * i3[1]);
                d[1] = 3 * (l1 * i3[1] - r1 * i3[2]);
                d[2] = 3 * (l2 * i3[2] - r2 * i3[3]);
                d[3] = 3 * (l3 * i3[3] - r3 * i3[4]);
            }
        }

        /// <summary>
        /// The common case — every index valid at every level and no zero-width span on this input — without the
        /// per-term checks: the same terms as <see cref="Evaluate"/>, on local spans the JIT can keep in registers.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void EvaluateInterior(double[] knots, int knotOffset, int kc, double[] table, int tableOffset, int k, int span, double x, double[] values, double[]? derivs, int vo)
        {
            int first = span - k;
            ReadOnlySpan<double> t = knots.AsSpan(knotOffset + first, 2 * k + 2);
            Span<double> v = stackalloc double[k + 2];
            v[k] = 1.0;
            for (int p = 1; p <= k; p++)
            {
                ReadOnlySpan<double> inv = table.AsSpan(tableOffset + (p - 1) * kc + first, k + 2);
                bool last = p == k && derivs is not null;
                for (int r = 0; r <= k; r++)
                {
                    double left = v[r];
                    double right = v[r + 1];
                    double ia = inv[r];
                    double ib = inv[r + 1];
                    v[r] = (x - t[r]) * ia * left + (t[r + p + 1] - x) * ib * right;
                    if (last)
                    {
                        derivs![vo + r] = k * (left * ia - right * ib);
                    }
                }
            }

            v.Slice(0, k + 1).CopyTo(values.AsSpan(vo, k + 1));
        }

        /// <summary>Reciprocals <c>[input][p-1][idx] = 1/(t[idx+p]-t[idx])</c>, 0 for zero width; laid out [in, k, KnotCount].</summary>
        public static double[] Build(NetworkLayer layer, out bool[] zeroWidth)
        {
            int kc = layer.KnotCount, k = layer.K;
            var table = new double[layer.InputCount * k * kc];
            zeroWidth = new bool[layer.InputCount];
            for (int i = 0; i < layer.InputCount; i++)
            {
                int to = i * kc;
                for (int p = 1; p <= k; p++)
                {
                    int row = (i * k + p - 1) * kc;
                    for (int idx = 0; idx + p < kc; idx++)
                    {
                        double w = layer.Arrays.Knots[to + idx + p] - layer.Arrays.Knots[to + idx];
                        table[row + idx] = w == 0.0 ? 0.0 : 1.0 / w;
                        zeroWidth[i] |= w == 0.0;
                    }
                }
            }

            return table;
        }

        /// <summary>
        /// Fills <paramref name="values"/>[vo .. vo+k] with the k+1 non-zero basis values at x (span from FindSpan) and,
        /// when <paramref name="derivs"/> is given, their derivatives at the same offsets.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Evaluate(double[] knots, int knotOffset, int kc, double[] table, int tableOffset, int k, int span, double x, double[] values, double[]? derivs, int vo, bool zeroWidth)
        {
            if (!zeroWidth && span >= k && span <= kc - 2 - k)
            {
                if (k == 3)
                {
                    if (Vector256.IsHardwareAccelerated)
                    {
                        EvaluateCubicVector(knots, knotOffset, kc, table, tableOffset, span, x, values, derivs, vo);
                    }
                    else
                    {
                        EvaluateCubicScalar(knots, knotOffset, kc, table, tableOffset, span, x, values, derivs, vo);
                    }

                    return;
                }

                EvaluateInterior(knots, knotOffset, kc, table, tableOffset, k, span, x, values, derivs, vo);
                return;
            }

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
