using System;
using System.Numerics;

namespace Kan.Training.Optimizers
{
    /// <summary>
    /// The vector arithmetic of <see cref="Lbfgs"/> and <see cref="StrongWolfe"/> on flat parameter vectors.
    /// Sums add element by element from the first (each LBFGS step's rounding, and so every fit's result, depends
    /// on that order); element-wise updates use SIMD lanes, each lane doing its element's product and sum as the
    /// scalar tail does, so they give the same bits.
    /// </summary>
    internal static class FlatVector
    {
        public static double Dot(double[] a, double[] b)
        {
            double s = 0;
            for (int i = 0; i < a.Length; i++)
            {
                s += a[i] * b[i];
            }

            return s;
        }

        /// <summary>r = -g (element by element: a vector negation may compute 0 - g, which is +0, not -0, at g = +0).</summary>
        public static void Negate(double[] g, double[] r)
        {
            for (int i = 0; i < g.Length; i++)
            {
                r[i] = -g[i];
            }
        }

        /// <summary>r = a - b.</summary>
        public static void Difference(double[] a, double[] b, double[] r)
        {
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                for (; i <= a.Length - Vector<double>.Count; i += Vector<double>.Count)
                {
                    (new Vector<double>(a, i) - new Vector<double>(b, i)).CopyTo(r, i);
                }
            }

            for (; i < a.Length; i++)
            {
                r[i] = a[i] - b[i];
            }
        }

        /// <summary>r = x * a (r may be x).</summary>
        public static void Scale(double[] x, double a, double[] r)
        {
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var av = new Vector<double>(a);
                for (; i <= x.Length - Vector<double>.Count; i += Vector<double>.Count)
                {
                    (new Vector<double>(x, i) * av).CopyTo(r, i);
                }
            }

            for (; i < x.Length; i++)
            {
                r[i] = x[i] * a;
            }
        }

        /// <summary>y += a x.</summary>
        public static void Axpy(double a, double[] x, double[] y)
        {
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var av = new Vector<double>(a);
                for (; i <= x.Length - Vector<double>.Count; i += Vector<double>.Count)
                {
                    (new Vector<double>(y, i) + av * new Vector<double>(x, i)).CopyTo(y, i);
                }
            }

            for (; i < x.Length; i++)
            {
                y[i] += a * x[i];
            }
        }

        /// <summary>
        /// The largest |a x_i| (0 for an empty x), NaN when some |a x_i| is NaN: what folding <c>Math.Max</c> over them
        /// gives. Lanes keep their own maximum (<see cref="Vector.Max{T}"/> propagates NaN like <c>Math.Max</c>); the
        /// maximum of values that are not NaN is exact in any order.
        /// </summary>
        public static double MaxAbs(double[] x, double a = 1.0)
        {
            double m = 0;
            int i = 0;
            if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
            {
                var av = new Vector<double>(a);
                Vector<double> max = Vector<double>.Zero;
                for (; i <= x.Length - Vector<double>.Count; i += Vector<double>.Count)
                {
                    Vector<double> p = Vector.Abs(new Vector<double>(x, i) * av);
                    max = Vector.Max(max, p);
                }

                for (int lane = 0; lane < Vector<double>.Count; lane++)
                {
                    m = Math.Max(m, max[lane]);
                }
            }

            for (; i < x.Length; i++)
            {
                m = Math.Max(m, Math.Abs(x[i] * a));
            }

            return m;
        }

        public static double SumAbs(double[] v)
        {
            double s = 0;
            foreach (double x in v)
            {
                s += Math.Abs(x);
            }

            return s;
        }
    }
}
