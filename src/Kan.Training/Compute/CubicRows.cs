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
    /// the same order, and every gradient entry still receives its rows' terms in row order, so both paths give
    /// the same bits. Used for four rows whose spans of one input are all interior (all four coefficient indices
    /// valid), on hardware with AVX.
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
        /// <see cref="CubicTerms.Forward"/> for rows <paramref name="b"/>..+3 of input <paramref name="i"/>: layout as
        /// <see cref="LayerForward"/>'s buffers.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Forward(NetworkLayer layer, LayerBuffers buf, int b, int i, bool keep)
        {
            int nIn = layer.InputCount, nSub = layer.SubnodeCount, cc = layer.CoefficientCount, rows = buf.Rows;
            LayerArrays a = layer.Arrays;
            int at = i * rows + b;
            int x0 = b * nIn + i, x1 = x0 + nIn, x2 = x1 + nIn, x3 = x2 + nIn;
            LoadColumns(ref MemoryMarshal.GetArrayDataReference(buf.Basis), 4 * x0, 4 * x1, 4 * x2, 4 * x3, out Vector256<double> b0, out Vector256<double> b1, out Vector256<double> b2, out Vector256<double> b3);
            Vector256<double> bx = Vector256.LoadUnsafe(ref buf.Base[at]);
            int f0 = buf.Span[at] - 3, f1 = buf.Span[at + 1] - 3, f2 = buf.Span[at + 2] - 3, f3 = buf.Span[at + 3] - 3;
            ref double spline = ref MemoryMarshal.GetArrayDataReference(buf.Spline);
            ref double numeric = ref MemoryMarshal.GetArrayDataReference(buf.Numeric);
            ref double sums = ref MemoryMarshal.GetArrayDataReference(buf.Sum);
            for (int j = 0; j < nSub; j++)
            {
                int e = i * nSub + j;
                ref double coef = ref a.Coefficients[e * cc];
                LoadColumns(ref coef, f0, f1, f2, f3, out Vector256<double> c0, out Vector256<double> c1, out Vector256<double> c2, out Vector256<double> c3);
                Vector256<double> s = Dot(c0, c1, c2, c3, b0, b1, b2, b3);
                double sb = a.ScaleBase[e];
                Vector256<double> v = (sb == 0.0 ? Vector256<double>.Zero : Vector256.Create(sb) * bx) + Vector256.Create(a.ScaleSpline[e]) * s;
                Scatter(ref spline, x0 * nSub + j, x1 * nSub + j, x2 * nSub + j, x3 * nSub + j, s);
                if (keep)
                {
                    Scatter(ref numeric, x0 * nSub + j, x1 * nSub + j, x2 * nSub + j, x3 * nSub + j, v);
                }

                double mk = a.Mask[e];
                if (mk != 0.0)
                {
                    AddScattered(ref sums, b * nSub + j, (b + 1) * nSub + j, (b + 2) * nSub + j, (b + 3) * nSub + j, Vector256.Create(mk) * v);
                }
            }
        }

        /// <summary>
        /// <see cref="CubicTerms.Backward"/> for rows <paramref name="b"/>..+3 of input <paramref name="i"/> (b a multiple
        /// of 4, so row b + q adds to lane q of <paramref name="lanes"/>), given dSum per (row, subnode) in
        /// <paramref name="gSub"/> [rows, sub]; returns the four rows' dInput through these edges (0 unless
        /// <paramref name="needInput"/>).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static Vector256<double> Backward(NetworkLayer layer, LayerBuffers buf, EdgeGradientLanes lanes, int b, int i, double[] gSub, double[]? extra, bool needInput)
        {
            int nIn = layer.InputCount, nSub = layer.SubnodeCount, cc = layer.CoefficientCount, rows = buf.Rows;
            LayerArrays a = layer.Arrays;
            int at = i * rows + b;
            int x0 = b * nIn + i, x1 = x0 + nIn, x2 = x1 + nIn, x3 = x2 + nIn;
            ref double basis = ref MemoryMarshal.GetArrayDataReference(buf.Basis);
            Vector256<double> r0 = Vector256.LoadUnsafe(ref basis, (nuint)(4 * x0)), r1 = Vector256.LoadUnsafe(ref basis, (nuint)(4 * x1));
            Vector256<double> r2 = Vector256.LoadUnsafe(ref basis, (nuint)(4 * x2)), r3 = Vector256.LoadUnsafe(ref basis, (nuint)(4 * x3));
            Vector256<double> d0 = default, d1 = default, d2 = default, d3 = default;
            if (needInput)
            {
                LoadColumns(ref MemoryMarshal.GetArrayDataReference(buf.DBasis), 4 * x0, 4 * x1, 4 * x2, 4 * x3, out d0, out d1, out d2, out d3);
            }

            Vector256<double> bx = Vector256.LoadUnsafe(ref buf.Base[at]);
            Vector256<double> dbx = Vector256.LoadUnsafe(ref buf.DBase[at]);
            int f0 = buf.Span[at] - 3, f1 = buf.Span[at + 1] - 3, f2 = buf.Span[at + 2] - 3, f3 = buf.Span[at + 3] - 3;
            ref double spline = ref MemoryMarshal.GetArrayDataReference(buf.Spline);
            ref double gs = ref MemoryMarshal.GetArrayDataReference(gSub);
            int perLane = lanes.CoefficientsPerLane;
            _ = lanes.ScaleBase[(i * nSub + nSub) * EdgeGradientLanes.Count - 1];
            _ = lanes.ScaleSpline[(i * nSub + nSub) * EdgeGradientLanes.Count - 1];
            _ = lanes.Coefficients[3 * perLane + (i * nSub + nSub) * cc - 1];
            ref double gBase = ref MemoryMarshal.GetArrayDataReference(lanes.ScaleBase);
            ref double gSpline = ref MemoryMarshal.GetArrayDataReference(lanes.ScaleSpline);
            ref double gCoef0 = ref MemoryMarshal.GetArrayDataReference(lanes.Coefficients);
            ref double gCoef1 = ref Unsafe.Add(ref gCoef0, perLane);
            ref double gCoef2 = ref Unsafe.Add(ref gCoef1, perLane);
            ref double gCoef3 = ref Unsafe.Add(ref gCoef2, perLane);
            Vector256<double> gx = Vector256<double>.Zero;
            for (int j = 0; j < nSub; j++)
            {
                int e = i * nSub + j;
                double mk = a.Mask[e];
                if (mk == 0.0)
                {
                    continue;
                }

                Vector256<double> gy = Gather(ref gs, b * nSub + j, (b + 1) * nSub + j, (b + 2) * nSub + j, (b + 3) * nSub + j);
                if (extra is not null)
                {
                    gy += Gather(ref MemoryMarshal.GetArrayDataReference(extra), x0 * nSub + j, x1 * nSub + j, x2 * nSub + j, x3 * nSub + j);
                }

                gy *= Vector256.Create(mk);
                nuint el = (nuint)(e * EdgeGradientLanes.Count);
                (Vector256.LoadUnsafe(ref gBase, el) + gy * bx).StoreUnsafe(ref gBase, el);
                (Vector256.LoadUnsafe(ref gSpline, el) + gy * Gather(ref spline, x0 * nSub + j, x1 * nSub + j, x2 * nSub + j, x3 * nSub + j)).StoreUnsafe(ref gSpline, el);
                double sp = a.ScaleSpline[e];
                Vector256<double> w = gy * Vector256.Create(sp);
                int ec = e * cc;
                CubicTerms.AddScaled(ref gCoef0, ec + f0, w.GetElement(0), r0);
                CubicTerms.AddScaled(ref gCoef1, ec + f1, w.GetElement(1), r1);
                CubicTerms.AddScaled(ref gCoef2, ec + f2, w.GetElement(2), r2);
                CubicTerms.AddScaled(ref gCoef3, ec + f3, w.GetElement(3), r3);
                if (needInput)
                {
                    LoadColumns(ref a.Coefficients[e * cc], f0, f1, f2, f3, out Vector256<double> c0, out Vector256<double> c1, out Vector256<double> c2, out Vector256<double> c3);
                    Vector256<double> dspline = Dot(c0, c1, c2, c3, d0, d1, d2, d3);
                    gx += gy * (Vector256.Create(a.ScaleBase[e]) * dbx + Vector256.Create(sp) * dspline);
                }
            }

            return gx;
        }
    }
}
