using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Kan.Training.Compute
{
    /// <summary>
    /// The cubic edge terms of <see cref="CubicTerms"/> for four rows at once, the rows in the lanes of a
    /// <see cref="Vector256{T}"/>: each input's four basis rows and each edge's four coefficient windows are
    /// transposed so that the per-edge arithmetic (spline sum, <c>sb*b(x) + sp*spline</c>, the gradient terms)
    /// runs across rows. Every lane computes exactly the terms of the one-row code in <see cref="CubicTerms"/>, in
    /// the same order, and each row's gradient terms go to the lane of <see cref="GradientLanes"/> the one-row code
    /// gives that row, so both paths give the same bits. Used for four rows whose spans of one input are all
    /// interior (all four coefficient indices valid), on hardware with AVX; other blocks go row by row.
    /// <para>
    /// One call covers all blocks of one input (input-major). Every accumulator still receives its terms in the
    /// one-row order: a subnode sum gets its inputs in input order, a gradient lane its rows in row order. Per block,
    /// a call's setup (fields, bounds, the edges' parameters) cost as much as a single-output layer's edge work.
    /// </para>
    /// </summary>
    internal static class CubicRows
    {
        public const int Width = 4;

        public static bool Enabled(int k, bool vectors) => vectors && k == 3 && Avx.IsSupported;

        /// <summary>The four rows' spans at <paramref name="at"/> (input-major) all touch four valid coefficients.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Interior(int[] spans, int at, int cc)
        {
            // first = span - 3 must lie in [0, cc - 4] for each row.
            return (uint)(spans[at] - 3) <= (uint)(cc - 4) && (uint)(spans[at + 1] - 3) <= (uint)(cc - 4) &&
                (uint)(spans[at + 2] - 3) <= (uint)(cc - 4) && (uint)(spans[at + 3] - 3) <= (uint)(cc - 4);
        }

        /// <summary>Rows r0..r3 (four values each) to columns: c[r] = (r0[r], r1[r], r2[r], r3[r]).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Transpose(Vector256<double> r0, Vector256<double> r1, Vector256<double> r2, Vector256<double> r3, out Vector256<double> c0, out Vector256<double> c1, out Vector256<double> c2, out Vector256<double> c3)
        {
            Vector256<double> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1), t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
            c0 = Avx.Permute2x128(t0, t2, 0x20);
            c1 = Avx.Permute2x128(t1, t3, 0x20);
            c2 = Avx.Permute2x128(t0, t2, 0x31);
            c3 = Avx.Permute2x128(t1, t3, 0x31);
        }

        /// <summary>The four-value windows at <paramref name="o0"/>..<paramref name="o3"/> of <paramref name="a"/>, transposed (<see cref="Transpose"/>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void LoadColumns(ref double a, int o0, int o1, int o2, int o3, out Vector256<double> c0, out Vector256<double> c1, out Vector256<double> c2, out Vector256<double> c3) =>
            Transpose(Vector256.LoadUnsafe(ref a, (nuint)o0), Vector256.LoadUnsafe(ref a, (nuint)o1), Vector256.LoadUnsafe(ref a, (nuint)o2), Vector256.LoadUnsafe(ref a, (nuint)o3), out c0, out c1, out c2, out c3);

        /// <summary>Lane by lane, <see cref="CubicTerms.Sum"/> of the products: (t0 + t1) + (t2 + t3).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Dot(Vector256<double> a0, Vector256<double> a1, Vector256<double> a2, Vector256<double> a3, Vector256<double> b0, Vector256<double> b1, Vector256<double> b2, Vector256<double> b3) =>
            ((a0 * b0) + (a1 * b1)) + ((a2 * b2) + (a3 * b3));

        /// <summary>Gathers a[o0], a[o1], a[o2], a[o3].</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Gather(ref double a, int o0, int o1, int o2, int o3) =>
            Vector256.Create(Unsafe.Add(ref a, o0), Unsafe.Add(ref a, o1), Unsafe.Add(ref a, o2), Unsafe.Add(ref a, o3));

        /// <summary>a[o0..3] = v's lanes.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Scatter(ref double a, int o0, int o1, int o2, int o3, Vector256<double> v)
        {
            Unsafe.Add(ref a, o0) = v.GetElement(0);
            Unsafe.Add(ref a, o1) = v.GetElement(1);
            Unsafe.Add(ref a, o2) = v.GetElement(2);
            Unsafe.Add(ref a, o3) = v.GetElement(3);
        }

        /// <summary>a[o0..3] += v's lanes.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void AddScattered(ref double a, int o0, int o1, int o2, int o3, Vector256<double> v)
        {
            Unsafe.Add(ref a, o0) += v.GetElement(0);
            Unsafe.Add(ref a, o1) += v.GetElement(1);
            Unsafe.Add(ref a, o2) += v.GetElement(2);
            Unsafe.Add(ref a, o3) += v.GetElement(3);
        }

        /// <summary>
        /// <see cref="CubicTerms.Forward"/> of input <paramref name="i"/> for the four-row blocks of rows
        /// [<paramref name="from"/>, <paramref name="to"/>) (a multiple of four rows; layout as <see cref="LayerForward"/>'s
        /// buffers), a block at a time where the four spans are interior, row by row through
        /// <see cref="LayerForward.Edges"/> otherwise. One call per input, not per block: the setup (bounds, the
        /// edges' parameters) is done once, and each subnode sum still receives its inputs in input order.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Forward(NetworkLayer layer, LayerBuffers buf, int i, int from, int to, bool keep)
        {
            int nIn = layer.InputCount, nSub = layer.SubnodeCount, cc = layer.CoefficientCount, rows = buf.Rows;
            if (to <= from)
            {
                return;
            }

            LayerArrays a = layer.Arrays;
            int e0 = i * nSub, stride = nIn * nSub;
            // Everything the blocks touch, checked once: this input's edges, its rows' basis, base values and spans, the
            // rows' activations and sums.
            ReadOnlySpan<double> scaleBase = a.ScaleBase.AsSpan(e0, nSub), scaleSpline = a.ScaleSpline.AsSpan(e0, nSub), mask = a.Mask.AsSpan(e0, nSub);
            ref double coef0 = ref MemoryMarshal.GetReference(a.Coefficients.AsSpan(e0 * cc, nSub * cc));
            int lastX = (to - 1) * nIn + i;
            ref double basis = ref MemoryMarshal.GetReference(buf.Basis.AsSpan(0, 4 * lastX + 4));
            ref double bases = ref MemoryMarshal.GetReference(buf.Base.AsSpan(i * rows, to));
            int[] spanArray = buf.Span;
            ReadOnlySpan<int> spans = spanArray.AsSpan(i * rows, to);
            ref double spline = ref MemoryMarshal.GetReference(buf.Spline.AsSpan(0, lastX * nSub + nSub));
            ref double numeric = ref MemoryMarshal.GetReference(keep ? buf.Numeric.AsSpan(0, lastX * nSub + nSub) : default);
            ref double sums = ref MemoryMarshal.GetReference(buf.Sum.AsSpan(0, to * nSub));
            bool cubic = CubicTerms.Enabled(layer.K);
            for (int b = from; b + Width <= to; b += Width)
            {
                if (!Interior(spanArray, i * rows + b, cc))
                {
                    for (int q = b; q < b + Width; q++)
                    {
                        LayerForward.Edges(layer, buf, q, i, keep, cubic);
                    }

                    continue;
                }

                int x0 = b * nIn + i, x1 = x0 + nIn, x2 = x1 + nIn, x3 = x2 + nIn;
                LoadColumns(ref basis, 4 * x0, 4 * x1, 4 * x2, 4 * x3, out Vector256<double> b0, out Vector256<double> b1, out Vector256<double> b2, out Vector256<double> b3);
                Vector256<double> bx = Vector256.LoadUnsafe(ref bases, (nuint)b);
                int f0 = spans[b] - 3, f1 = spans[b + 1] - 3, f2 = spans[b + 2] - 3, f3 = spans[b + 3] - 3;
                ref double coef = ref coef0;
                ref double splineAt = ref Unsafe.Add(ref spline, x0 * nSub);
                ref double numericAt = ref Unsafe.Add(ref numeric, keep ? x0 * nSub : 0);
                ref double sumAt = ref Unsafe.Add(ref sums, b * nSub);
                for (int j = 0; j < nSub; j++)
                {
                    LoadColumns(ref coef, f0, f1, f2, f3, out Vector256<double> c0, out Vector256<double> c1, out Vector256<double> c2, out Vector256<double> c3);
                    coef = ref Unsafe.Add(ref coef, cc);
                    Vector256<double> s = Dot(c0, c1, c2, c3, b0, b1, b2, b3);
                    double sb = scaleBase[j];
                    Vector256<double> v = (sb == 0.0 ? Vector256<double>.Zero : Vector256.Create(sb) * bx) + Vector256.Create(scaleSpline[j]) * s;
                    Scatter(ref Unsafe.Add(ref splineAt, j), 0, stride, 2 * stride, 3 * stride, s);
                    if (keep)
                    {
                        Scatter(ref Unsafe.Add(ref numericAt, j), 0, stride, 2 * stride, 3 * stride, v);
                    }

                    double mk = mask[j];
                    if (mk != 0.0)
                    {
                        AddScattered(ref Unsafe.Add(ref sumAt, j), 0, nSub, 2 * nSub, 3 * nSub, Vector256.Create(mk) * v);
                    }
                }
            }
        }

        /// <summary>
        /// <see cref="CubicTerms.Backward"/> of input <paramref name="i"/> for the four-row blocks of rows
        /// [<paramref name="from"/>, <paramref name="to"/>) (<paramref name="from"/> the chunk's first row, so row
        /// from + 4n + q adds to lane q of <paramref name="lanes"/>), given dSum per (row, subnode) in
        /// <paramref name="gSub"/> [rows, sub]: interior blocks four rows at a time, the others row by row through
        /// <see cref="NetworkBackward.Input"/>; each row's dInput (the regulariser's term, the numeric edges', the
        /// symbolic ones, in the one-row path's order) into <paramref name="gInput"/> when <paramref name="needInput"/>.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Backward(NetworkLayer layer, LayerBuffers buf, LayerGradients g, GradientLanes lanes, int i, int from, int to, double[] gSub, double[] gInput, double[]? extra, double[]? extraInput, bool symbolic, double? yTh, bool needInput)
        {
            int nIn = layer.InputCount, nSub = layer.SubnodeCount, cc = layer.CoefficientCount, rows = buf.Rows;
            if (to <= from)
            {
                return;
            }

            LayerArrays a = layer.Arrays;
            int e0 = i * nSub, stride = nIn * nSub;
            ReadOnlySpan<double> scaleBase = a.ScaleBase.AsSpan(e0, nSub), scaleSpline = a.ScaleSpline.AsSpan(e0, nSub), mask = a.Mask.AsSpan(e0, nSub);
            ref double coef0 = ref MemoryMarshal.GetReference(a.Coefficients.AsSpan(e0 * cc, nSub * cc));
            int lastX = (to - 1) * nIn + i;
            ref double basis = ref MemoryMarshal.GetReference(buf.Basis.AsSpan(0, 4 * lastX + 4));
            ref double dBasis = ref MemoryMarshal.GetReference(needInput ? buf.DBasis.AsSpan(0, 4 * lastX + 4) : default);
            ref double bases = ref MemoryMarshal.GetReference(buf.Base.AsSpan(i * rows, to));
            ref double dBases = ref MemoryMarshal.GetReference(buf.DBase.AsSpan(i * rows, to));
            int[] spanArray = buf.Span;
            ReadOnlySpan<int> spans = spanArray.AsSpan(i * rows, to);
            ref double spline = ref MemoryMarshal.GetReference(buf.Spline.AsSpan(0, lastX * nSub + nSub));
            ref double gs = ref MemoryMarshal.GetReference(gSub.AsSpan(0, to * nSub));
            ref double ex = ref MemoryMarshal.GetReference(extra is null ? default : extra.AsSpan(0, lastX * nSub + nSub));
            int perLane = lanes.CoefficientsPerLane;
            ref double gBase = ref MemoryMarshal.GetReference(lanes.ScaleBase.AsSpan(e0 * GradientLanes.Count, nSub * GradientLanes.Count));
            ref double gSpline = ref MemoryMarshal.GetReference(lanes.ScaleSpline.AsSpan(e0 * GradientLanes.Count, nSub * GradientLanes.Count));
            _ = lanes.Coefficients[3 * perLane + (e0 + nSub) * cc - 1];
            ref double gCoef0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(lanes.Coefficients), e0 * cc);
            ref double gCoef1 = ref Unsafe.Add(ref gCoef0, perLane);
            ref double gCoef2 = ref Unsafe.Add(ref gCoef1, perLane);
            ref double gCoef3 = ref Unsafe.Add(ref gCoef2, perLane);
            Span<double> gIn = needInput ? gInput.AsSpan(0, lastX + 1) : default;
            for (int b = from; b + Width <= to; b += Width)
            {
                if (!Interior(spanArray, i * rows + b, cc))
                {
                    for (int q = b; q < b + Width; q++)
                    {
                        NetworkBackward.Input(layer, buf, g, lanes, q, GradientLanes.Lane(q - from), i, gSub, gInput, extra, extraInput, symbolic, yTh, needInput);
                    }

                    continue;
                }

                int x0 = b * nIn + i, x1 = x0 + nIn, x2 = x1 + nIn, x3 = x2 + nIn;
                Vector256<double> r0 = Vector256.LoadUnsafe(ref basis, (nuint)(4 * x0)), r1 = Vector256.LoadUnsafe(ref basis, (nuint)(4 * x1));
                Vector256<double> r2 = Vector256.LoadUnsafe(ref basis, (nuint)(4 * x2)), r3 = Vector256.LoadUnsafe(ref basis, (nuint)(4 * x3));
                Vector256<double> d0 = default, d1 = default, d2 = default, d3 = default;
                if (needInput)
                {
                    LoadColumns(ref dBasis, 4 * x0, 4 * x1, 4 * x2, 4 * x3, out d0, out d1, out d2, out d3);
                }

                Vector256<double> bx = Vector256.LoadUnsafe(ref bases, (nuint)b);
                Vector256<double> dbx = Vector256.LoadUnsafe(ref dBases, (nuint)b);
                int f0 = spans[b] - 3, f1 = spans[b + 1] - 3, f2 = spans[b + 2] - 3, f3 = spans[b + 3] - 3;
                ref double splineAt = ref Unsafe.Add(ref spline, x0 * nSub);
                ref double exAt = ref Unsafe.Add(ref ex, extra is null ? 0 : x0 * nSub);
                ref double gsAt = ref Unsafe.Add(ref gs, b * nSub);
                Vector256<double> gx = Vector256<double>.Zero;
                for (int j = 0; j < nSub; j++)
                {
                    double mk = mask[j];
                    if (mk == 0.0)
                    {
                        continue;
                    }

                    Vector256<double> gy = Gather(ref Unsafe.Add(ref gsAt, j), 0, nSub, 2 * nSub, 3 * nSub);
                    if (extra is not null)
                    {
                        gy += Gather(ref Unsafe.Add(ref exAt, j), 0, stride, 2 * stride, 3 * stride);
                    }

                    gy *= Vector256.Create(mk);
                    nuint el = (nuint)(j * GradientLanes.Count);
                    (Vector256.LoadUnsafe(ref gBase, el) + gy * bx).StoreUnsafe(ref gBase, el);
                    (Vector256.LoadUnsafe(ref gSpline, el) + gy * Gather(ref Unsafe.Add(ref splineAt, j), 0, stride, 2 * stride, 3 * stride)).StoreUnsafe(ref gSpline, el);
                    double sp = scaleSpline[j];
                    Vector256<double> w = gy * Vector256.Create(sp);
                    int ec = j * cc;
                    CubicTerms.AddScaled(ref gCoef0, ec + f0, w.GetElement(0), r0);
                    CubicTerms.AddScaled(ref gCoef1, ec + f1, w.GetElement(1), r1);
                    CubicTerms.AddScaled(ref gCoef2, ec + f2, w.GetElement(2), r2);
                    CubicTerms.AddScaled(ref gCoef3, ec + f3, w.GetElement(3), r3);
                    if (needInput)
                    {
                        LoadColumns(ref Unsafe.Add(ref coef0, ec), f0, f1, f2, f3, out Vector256<double> c0, out Vector256<double> c1, out Vector256<double> c2, out Vector256<double> c3);
                        Vector256<double> dspline = Dot(c0, c1, c2, c3, d0, d1, d2, d3);
                        gx += gy * (Vector256.Create(scaleBase[j]) * dbx + Vector256.Create(sp) * dspline);
                    }
                }

                // As the one-row path: the regulariser's term (or 0.0), then the numeric edges', then the symbolic ones.
                Vector256<double> total = (extraInput is null ? Vector256<double>.Zero : Gather(ref extraInput[x0], 0, nIn, 2 * nIn, 3 * nIn)) + gx;
                if (symbolic)
                {
                    for (int q = 0; q < Width; q++)
                    {
                        int xi = x0 + q * nIn;
                        double t = total.GetElement(q) + NetworkBackward.SymbolicEdges(layer, g, buf.X[xi], i, gSub.AsSpan((b + q) * nSub, nSub), yTh);
                        if (needInput)
                        {
                            gInput[xi] = t;
                        }
                    }
                }
                else if (needInput)
                {
                    Scatter(ref gIn[x0], 0, nIn, 2 * nIn, 3 * nIn, total);
                }
            }
        }
    }
}
