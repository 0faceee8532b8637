using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Kan.Training.Compute
{
    /// <summary>
    /// What a layer computes once per (sample, input) and shares among the input's outgoing edges: the base
    /// function b(x) and its derivative (<see cref="BaseFunctions"/>), the knot span and the k+1 non-zero B-spline
    /// basis values and their derivatives, for one input over a range of rows. silu runs across rows in
    /// <see cref="Vector256{T}"/> lanes where the hardware has them; each lane computes the scalar path's terms
    /// (the same <see cref="SiluExp"/>), so both give the same bits.
    /// </summary>
    internal static class InputBasis
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Compute(NetworkLayer layer, LayerKnots knots, LayerBuffers buf, int i, int from, int to, bool derivatives, bool vectors)
        {
            BaseValues(layer, buf, i, from, to, derivatives, vectors);
            int k = layer.K, kc = layer.KnotCount, nIn = layer.InputCount, rows = buf.Rows;
            double[] xs = buf.X, allKnots = layer.Arrays.Knots;
            int[] spans = buf.Span;
            ReadOnlySpan<double> t = allKnots.AsSpan(i * kc, kc);
            bool zeroWidth = knots.ZeroWidth[i];
            double scale = ReciprocalBasis.SpanScale(t);
            if (k == 3 && !zeroWidth && Vector256.IsHardwareAccelerated)
            {
                CubicRows(layer, knots, buf, i, from, to, derivatives, scale);
                return;
            }

            for (int b = from; b < to; b++)
            {
                int xi = b * nIn + i;
                double x = xs[xi];
                int span = ReciprocalBasis.FindSpan(t, x, scale);
                spans[i * rows + b] = span;
                Other(layer, knots, buf, i, xi, span, x, derivatives, zeroWidth);
            }
        }

        /// <summary>
        /// The cubic rows of an input without zero-width spans: the interior ones through
        /// <see cref="ReciprocalBasis.EvaluateCubicVector(ref double, ref double, int, double, ref double, ref double, bool)"/>
        /// on references checked once for the whole range, the others as <see cref="Other"/>. A row's span search and
        /// recursion form one chain of dependent loads and arithmetic, so the fewer instructions around it, the more
        /// rows the processor overlaps.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void CubicRows(NetworkLayer layer, LayerKnots knots, LayerBuffers buf, int i, int from, int to, bool derivatives, double scale)
        {
            int kc = layer.KnotCount, nIn = layer.InputCount, rows = buf.Rows;
            double[] xs = buf.X, allKnots = layer.Arrays.Knots, table = knots.Reciprocals;
            ReadOnlySpan<double> t = allKnots.AsSpan(i * kc, kc);
            Span<int> spans = buf.Span.AsSpan(i * rows, rows);
            // Everything the interior rows touch, checked here: 3 reciprocal rows of this input and every row's 4 values.
            _ = table.AsSpan(i * 3 * kc, 3 * kc);
            _ = buf.Basis.AsSpan(0, to * nIn * 4);
            if (derivatives)
            {
                _ = buf.DBasis.AsSpan(0, to * nIn * 4);
            }

            ref double knot0 = ref MemoryMarshal.GetReference(t);
            ref double inv0 = ref table[i * 3 * kc];
            ref double basis = ref MemoryMarshal.GetArrayDataReference(buf.Basis);
            ref double dBasis = ref MemoryMarshal.GetArrayDataReference(derivatives ? buf.DBasis : buf.Basis);
            int b = from;
            if (CubicBasisLanes.Supported(3, kc))
            {
                CubicBasisLanes lanes = CubicBasisLanes.For(t, table.AsSpan(i * 3 * kc, 3 * kc));
                for (; b + CubicBasisLanes.Width <= to; b += CubicBasisLanes.Width)
                {
                    int xi = b * nIn + i;
                    var x = Vector512.Create(xs[xi], xs[xi + nIn], xs[xi + 2 * nIn], xs[xi + 3 * nIn], xs[xi + 4 * nIn], xs[xi + 5 * nIn], xs[xi + 6 * nIn], xs[xi + 7 * nIn]);
                    uint others = lanes.Rows(t, x, ref spans[b], ref Unsafe.Add(ref basis, xi * 4), ref Unsafe.Add(ref dBasis, xi * 4), 4 * nIn, derivatives);
                    // Rows outside the interior spans, over what the lanes wrote for them.
                    while (others != 0)
                    {
                        int q = BitOperations.TrailingZeroCount(others);
                        others &= others - 1;
                        Other(layer, knots, buf, i, xi + q * nIn, spans[b + q], xs[xi + q * nIn], derivatives, zeroWidth: false);
                    }
                }
            }

            for (; b < to; b++)
            {
                int xi = b * nIn + i;
                double x = xs[xi];
                int span = ReciprocalBasis.FindSpan(t, x, scale);
                spans[b] = span;
                if ((uint)(span - 3) <= (uint)(kc - 8))
                {
                    ReciprocalBasis.EvaluateCubicVector(ref Unsafe.Add(ref knot0, span - 3), ref Unsafe.Add(ref inv0, span - 3), kc, x, ref Unsafe.Add(ref basis, xi * 4), ref Unsafe.Add(ref dBasis, xi * 4), derivatives);
                }
                else
                {
                    Other(layer, knots, buf, i, xi, span, x, derivatives, zeroWidth: false);
                }
            }
        }

        /// <summary>One row's basis through <see cref="ReciprocalBasis.Evaluate"/>, or zeros outside the grid.</summary>
        private static void Other(NetworkLayer layer, LayerKnots knots, LayerBuffers buf, int i, int xi, int span, double x, bool derivatives, bool zeroWidth)
        {
            int k = layer.K, kc = layer.KnotCount;
            if (span >= 0)
            {
                ReciprocalBasis.Evaluate(layer.Arrays.Knots, i * kc, kc, knots.Reciprocals, i * k * kc, k, span, x, buf.Basis, derivatives ? buf.DBasis : null, xi * (k + 1), zeroWidth);
            }
            else
            {
                Array.Clear(buf.Basis, xi * (k + 1), k + 1);
                if (derivatives)
                {
                    Array.Clear(buf.DBasis, xi * (k + 1), k + 1);
                }
            }
        }

        /// <summary>
        /// b(x) (and b'(x)) of input <paramref name="i"/> for rows [from, to) into <see cref="LayerBuffers.Base"/> (and
        /// <see cref="LayerBuffers.DBase"/>): silu through <see cref="SiluExp"/>, four rows at a time where the hardware
        /// allows and <paramref name="vectors"/> is set, with the terms of <see cref="BaseFunctions.ValueAndDerivative"/>.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        internal static void BaseValues(NetworkLayer layer, LayerBuffers buf, int i, int from, int to, bool derivatives, bool vectors)
        {
            int nIn = layer.InputCount, at = i * buf.Rows;
            double[] xs = buf.X, values = buf.Base, slopes = buf.DBase;
            if (layer.BaseFunction != BaseFunction.Silu)
            {
                for (int b = from; b < to; b++)
                {
                    double x = xs[b * nIn + i];
                    values[at + b] = derivatives ? BaseFunctions.ValueAndDerivative(layer.BaseFunction, x, out slopes[at + b]) : BaseFunctions.Value(layer.BaseFunction, x);
                }

                return;
            }

            int q = from;
            if (vectors && SiluExp.Vector512Supported)
            {
                var one = Vector512<double>.One;
                for (; q + 8 <= to; q += 8)
                {
                    int xi = q * nIn + i;
                    var x = Vector512.Create(xs[xi], xs[xi + nIn], xs[xi + 2 * nIn], xs[xi + 3 * nIn], xs[xi + 4 * nIn], xs[xi + 5 * nIn], xs[xi + 6 * nIn], xs[xi + 7 * nIn]);
                    Vector512<double> onePlus = one + SiluExp.Vector8(-x);
                    _ = values[at + q + 7];
                    (x / onePlus).StoreUnsafe(ref values[at + q]);
                    if (derivatives)
                    {
                        Vector512<double> sigmoid = one / onePlus;
                        _ = slopes[at + q + 7];
                        (sigmoid * (one + x * (one - sigmoid))).StoreUnsafe(ref slopes[at + q]);
                    }
                }
            }

            if (vectors && SiluExp.VectorSupported)
            {
                var one = Vector256<double>.One;
                for (; q + 4 <= to; q += 4)
                {
                    int xi = q * nIn + i;
                    var x = Vector256.Create(xs[xi], xs[xi + nIn], xs[xi + 2 * nIn], xs[xi + 3 * nIn]);
                    Vector256<double> onePlus = one + SiluExp.Vector(-x);
                    _ = values[at + q + 3];
                    (x / onePlus).StoreUnsafe(ref values[at + q]);
                    if (derivatives)
                    {
                        Vector256<double> sigmoid = one / onePlus;
                        _ = slopes[at + q + 3];
                        (sigmoid * (one + x * (one - sigmoid))).StoreUnsafe(ref slopes[at + q]);
                    }
                }
            }

            for (; q < to; q++)
            {
                double x = xs[q * nIn + i];
                double onePlus = 1.0 + SiluExp.Scalar(-x);
                values[at + q] = x / onePlus;
                if (derivatives)
                {
                    double sigmoid = 1.0 / onePlus;
                    slopes[at + q] = sigmoid * (1.0 + x * (1.0 - sigmoid));
                }
            }
        }
    }
}
