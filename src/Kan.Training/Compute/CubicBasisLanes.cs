using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Kan.Training.Compute
{
    /// <summary>
    /// The cubic basis of eight rows of one input at once, the rows in the lanes of a <see cref="Vector512{T}"/>:
    /// the span by counting the knots at or below x (no data-dependent branches), then the recursion of
    /// <see cref="ReciprocalBasis.EvaluateCubicVector(ref double, ref double, int, double, ref double, ref double, bool)"/>
    /// with each row's knots and reciprocals taken from tables held in registers by a two-table permute, so a
    /// row costs a quarter of the instructions of the one-row path. Every lane computes that path's terms in its
    /// order, so the bits are the same. For inputs with at most <see cref="MaxKnots"/> knots (grids up to 25
    /// intervals) on hardware with AVX-512; <see cref="InputBasis"/> takes the one-row path otherwise, and for the
    /// rows outside the interior spans.
    /// </summary>
    internal readonly struct CubicBasisLanes
    {
        /// <summary>Four <see cref="Vector512{T}"/> registers of table (two up to 16 knots).</summary>
        public const int MaxKnots = 32;

        public const int Width = 8;

        private readonly Table _t, _a, _b, _c;
        private readonly int _kc;

        private CubicBasisLanes(ReadOnlySpan<double> t, ReadOnlySpan<double> inv)
        {
            int kc = t.Length;
            _kc = kc;
            Span<double> pad = stackalloc double[MaxKnots];
            _t = new Table(t, pad);
            _a = new Table(inv.Slice(0, kc), pad);
            _b = new Table(inv.Slice(kc, kc), pad);
            _c = new Table(inv.Slice(2 * kc, kc), pad);
        }

        public static bool Supported(int k, int knotCount) => k == 3 && knotCount <= MaxKnots && knotCount >= 8 && Avx512F.IsSupported;

        /// <summary>The tables of one input: its knots <paramref name="t"/> and its three rows of reciprocals <paramref name="inv"/> (<see cref="LayerKnots.Reciprocals"/>).</summary>
        public static CubicBasisLanes For(ReadOnlySpan<double> t, ReadOnlySpan<double> inv) => new CubicBasisLanes(t, inv);

        /// <summary>
        /// Spans of the eight rows <paramref name="x"/> into <paramref name="spans"/> (as <see cref="ReciprocalBasis.FindSpan(ReadOnlySpan{double}, double, double)"/>,
        /// -1 outside the grid or for NaN) and their four values (and derivatives) into <paramref name="basis"/>
        /// (<paramref name="dBasis"/>), row q at <paramref name="rowStride"/>*q. Returns the rows (bit q for row q) whose
        /// span is not interior: what was written for them is meaningless, and the caller evaluates them itself, their
        /// spans already in place.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public uint Rows(ReadOnlySpan<double> t, Vector512<double> x, ref int spans, ref double basis, ref double dBasis, int rowStride, bool derivatives)
        {
            int last = _kc - 1;
            // The number of inner knots t[1..last-1] at or below x: on non-decreasing knots, the s with t[s] <= x < t[s+1].
            Vector512<long> count = Vector512<long>.Zero;
            for (int j = 1; j < last; j++)
            {
                count -= Vector512.GreaterThanOrEqual(x, Vector512.Create(t[j])).AsInt64();
            }

            Vector512<long> inside = (Vector512.GreaterThanOrEqual(x, Vector512.Create(t[0])) & Vector512.LessThan(x, Vector512.Create(t[last]))).AsInt64();
            Vector512<long> span = (count & inside) | ~inside;
            Avx512F.ConvertToVector256Int32(span).StoreUnsafe(ref spans);
            Vector512<long> first = span - Vector512.Create(3L);
            // The permutes below read only an index's low four bits, so these rows' lanes are harmless garbage.
            uint others = (uint)Vector512.GreaterThan(first.AsUInt64(), Vector512.Create((ulong)(_kc - 8))).ExtractMostSignificantBits();

            Vector512<double> t0 = _t.Column(first, 0), t1 = _t.Column(first, 1), t2 = _t.Column(first, 2), t3 = _t.Column(first, 3);
            Vector512<double> t4 = _t.Column(first, 4), t5 = _t.Column(first, 5), t6 = _t.Column(first, 6), t7 = _t.Column(first, 7);
            Vector512<double> l0 = x - t0, l1 = x - t1, l2 = x - t2, l3 = x - t3;

            // Level 1 from (0, 0, 0, 1): the one-row path multiplies by those constants, so this does too.
            Vector512<double> zero = Vector512<double>.Zero, one = Vector512<double>.One;
            Vector512<double> i0 = _a.Column(first, 0), i1 = _a.Column(first, 1), i2 = _a.Column(first, 2);
            Vector512<double> i3 = _a.Column(first, 3), i4 = _a.Column(first, 4);
            Vector512<double> v0 = l0 * i0 * zero + (t2 - x) * i1 * zero;
            Vector512<double> v1 = l1 * i1 * zero + (t3 - x) * i2 * zero;
            Vector512<double> v2 = l2 * i2 * zero + (t4 - x) * i3 * one;
            Vector512<double> v3 = l3 * i3 * one + (t5 - x) * i4 * zero;

            i0 = _b.Column(first, 0);
            i1 = _b.Column(first, 1);
            i2 = _b.Column(first, 2);
            i3 = _b.Column(first, 3);
            i4 = _b.Column(first, 4);
            Vector512<double> w0 = l0 * i0 * v0 + (t3 - x) * i1 * v1;
            Vector512<double> w1 = l1 * i1 * v1 + (t4 - x) * i2 * v2;
            Vector512<double> w2 = l2 * i2 * v2 + (t5 - x) * i3 * v3;
            Vector512<double> w3 = l3 * i3 * v3 + (t6 - x) * i4 * zero;

            i0 = _c.Column(first, 0);
            i1 = _c.Column(first, 1);
            i2 = _c.Column(first, 2);
            i3 = _c.Column(first, 3);
            i4 = _c.Column(first, 4);
            Store(l0 * i0 * w0 + (t4 - x) * i1 * w1, l1 * i1 * w1 + (t5 - x) * i2 * w2, l2 * i2 * w2 + (t6 - x) * i3 * w3, l3 * i3 * w3 + (t7 - x) * i4 * zero, ref basis, rowStride);
            if (derivatives)
            {
                Vector512<double> three = Vector512.Create(3.0);
                Store(three * (w0 * i0 - w1 * i1), three * (w1 * i1 - w2 * i2), three * (w2 * i2 - w3 * i3), three * (w3 * i3 - zero * i4), ref dBasis, rowStride);
            }

            return others;
        }

        /// <summary>Up to 32 values of one table in four registers, read by index across the lanes.</summary>
        private readonly struct Table
        {
            private readonly Vector512<double> _q0, _q1, _q2, _q3;
            private readonly bool _wide;

            public Table(ReadOnlySpan<double> values, Span<double> pad)
            {
                pad.Clear();
                values.CopyTo(pad);
                _q0 = Vector512.Create((ReadOnlySpan<double>)pad.Slice(0, 8));
                _q1 = Vector512.Create((ReadOnlySpan<double>)pad.Slice(8, 8));
                _q2 = Vector512.Create((ReadOnlySpan<double>)pad.Slice(16, 8));
                _q3 = Vector512.Create((ReadOnlySpan<double>)pad.Slice(24, 8));
                _wide = values.Length > 16;
            }

            /// <summary>Lane q: table[first[q] + c] (a permute over two registers, or two and a select over four).</summary>
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public Vector512<double> Column(Vector512<long> first, long c)
            {
                Vector512<long> index = first + Vector512.Create(c);
                Vector512<double> low = Avx512F.PermuteVar8x64x2(_q0, index, _q1);
                if (!_wide)
                {
                    return low;
                }

                Vector512<double> high = Avx512F.PermuteVar8x64x2(_q2, index, _q3);
                return Vector512.ConditionalSelect(Vector512.GreaterThan(index, Vector512.Create(15L)).AsDouble(), high, low);
            }
        }

        /// <summary>Columns b0..b3 (value r of rows 0..7) to eight four-value rows, row q at <paramref name="stride"/>*q.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Store(Vector512<double> b0, Vector512<double> b1, Vector512<double> b2, Vector512<double> b3, ref double target, int stride)
        {
            // Within each 128-bit lane k (rows 2k, 2k+1): a = (b0, b1) of row 2k, b = of row 2k+1, c and d the same for (b2, b3).
            Vector512<double> a = Avx512F.UnpackLow(b0, b1), b = Avx512F.UnpackHigh(b0, b1);
            Vector512<double> c = Avx512F.UnpackLow(b2, b3), d = Avx512F.UnpackHigh(b2, b3);
            Vector512<long> front = Vector512.Create(0L, 1, 8, 9, 2, 3, 10, 11), back = Vector512.Create(4L, 5, 12, 13, 6, 7, 14, 15);
            Vector512<double> r02 = Avx512F.PermuteVar8x64x2(a, front, c), r46 = Avx512F.PermuteVar8x64x2(a, back, c);
            Vector512<double> r13 = Avx512F.PermuteVar8x64x2(b, front, d), r57 = Avx512F.PermuteVar8x64x2(b, back, d);
            r02.GetLower().StoreUnsafe(ref target);
            r13.GetLower().StoreUnsafe(ref target, (nuint)stride);
            r02.GetUpper().StoreUnsafe(ref target, (nuint)(2 * stride));
            r13.GetUpper().StoreUnsafe(ref target, (nuint)(3 * stride));
            r46.GetLower().StoreUnsafe(ref target, (nuint)(4 * stride));
            r57.GetLower().StoreUnsafe(ref target, (nuint)(5 * stride));
            r46.GetUpper().StoreUnsafe(ref target, (nuint)(6 * stride));
            r57.GetUpper().StoreUnsafe(ref target, (nuint)(7 * stride));
        }
    }
}
