using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Kan.Training.Compute
{
    /// <summary>
    /// The four terms of a cubic spline at one input as one <see cref="Vector256{T}"/>: the k+1 = 4 non-zero basis
    /// values (or their derivatives) against the four coefficients they touch, which lie next to each other in
    /// the coefficient array. Callers use these only when the vector unit is there and all four coefficient
    /// indices are valid; otherwise they run the scalar loop over the clipped range.
    /// </summary>
    internal static class CubicTerms
    {
        public static bool Enabled(int k) => k == 3 && Vector256.IsHardwareAccelerated;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Load(double[] a, int offset)
        {
            Debug.Assert(offset >= 0 && offset + 4 <= a.Length);
            return Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(a), (nuint)offset);
        }

        /// <summary>
        /// The sum of the four lanes in one fixed order, (t0 + t1) + (t2 + t3), which <see cref="CubicRows"/> repeats
        /// across rows (<see cref="Vector256.Sum{T}(Vector256{T})"/> leaves its order to the JIT).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Sum(Vector256<double> t) => (t.GetElement(0) + t.GetElement(1)) + (t.GetElement(2) + t.GetElement(3));

        /// <summary>
        /// Forward of the <paramref name="count"/> edges leaving one input (coefficient rows <paramref name="cc"/>
        /// apart, starting at the input's first touched coefficient <paramref name="coef"/>): spline sums into
        /// <paramref name="spline"/>, <c>sb*b(x) + sp*spline</c> into <paramref name="numeric"/> when
        /// <paramref name="keep"/>, and the masked activations added to <paramref name="sums"/>.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Forward(ref double coef, int cc, Vector256<double> basis, double bx, ref double scaleBase, ref double scaleSpline, ref double mask, ref double spline, ref double numeric, bool keep, ref double sums, int count)
        {
            for (int j = 0; j < count; j++)
            {
                double s = Sum(Vector256.LoadUnsafe(ref coef, (nuint)(j * cc)) * basis);
                double sb = Unsafe.Add(ref scaleBase, j);
                double v = (sb == 0.0 ? 0.0 : sb * bx) + Unsafe.Add(ref scaleSpline, j) * s;
                Unsafe.Add(ref spline, j) = s;
                if (keep)
                {
                    Unsafe.Add(ref numeric, j) = v;
                }

                double mk = Unsafe.Add(ref mask, j);
                if (mk != 0.0)
                {
                    Unsafe.Add(ref sums, j) += mk * v;
                }
            }
        }

        /// <summary>
        /// Backward of the <paramref name="count"/> edges leaving one input (layout as <see cref="Forward"/>), given
        /// dObjective/dSum per subnode (<paramref name="gSub"/>) and, when there is one, the regulariser's term per
        /// masked activation (<paramref name="extra"/>): adds the coefficient, scale_base and scale_sp gradients to
        /// one lane of <see cref="EdgeGradientLanes"/> (<paramref name="gCoef"/> at the input's first touched
        /// coefficient in that lane; <paramref name="gBase"/> and <paramref name="gSpline"/> at the input's first
        /// edge's entry of the lane, the next edge <see cref="EdgeGradientLanes.Count"/> further) and returns
        /// dObjective/dInput through these edges (0 unless <paramref name="needInput"/>).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Backward(
            ref double coef, ref double gCoef, int cc, Vector256<double> basis, Vector256<double> dBasis, double bx, double dbx,
            ref double scaleBase, ref double scaleSpline, ref double mask, ref double gBase, ref double gSpline,
            ref double spline, ref double gSub, ref double extra, bool hasExtra, bool needInput, int count)
        {
            double gx = 0.0;
            for (int j = 0; j < count; j++)
            {
                double mk = Unsafe.Add(ref mask, j);
                if (mk == 0.0)
                {
                    continue;
                }

                double gy = Unsafe.Add(ref gSub, j);
                if (hasExtra)
                {
                    gy += Unsafe.Add(ref extra, j);
                }

                gy *= mk;
                Unsafe.Add(ref gBase, j * EdgeGradientLanes.Count) += gy * bx;
                Unsafe.Add(ref gSpline, j * EdgeGradientLanes.Count) += gy * Unsafe.Add(ref spline, j);
                double sp = Unsafe.Add(ref scaleSpline, j);
                nuint at = (nuint)(j * cc);
                AddScaled(ref gCoef, j * cc, gy * sp, basis);
                if (needInput)
                {
                    double dspline = Sum(Vector256.LoadUnsafe(ref coef, at) * dBasis);
                    gx += gy * (Unsafe.Add(ref scaleBase, j) * dbx + sp * dspline);
                }
            }

            return gx;
        }

        /// <summary>target[offset + r] += w * b[r], the coefficient-gradient update of one row and edge.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void AddScaled(ref double target, int offset, double w, Vector256<double> b) =>
            (Vector256.LoadUnsafe(ref target, (nuint)offset) + Vector256.Create(w) * b).StoreUnsafe(ref target, (nuint)offset);
    }
}
