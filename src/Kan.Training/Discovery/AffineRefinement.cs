using System;
using Kan.Training.Symbolic;

namespace Kan.Training.Discovery
{
    /// <summary>
    /// Polishes a grid-search fit <c>y ≈ c*f(a*x+b)+d</c> by Levenberg-Marquardt on all four parameters. pykan's
    /// grid search stops at the grid's resolution, which cannot tell sin from a shifted cubic on a short interval;
    /// the polished residual can, so candidates are ranked by it.
    /// </summary>
    internal static class AffineRefinement
    {
        private const int Iterations = 40;

        public static AffineFit Refine(double[] x, double[] y, Func<double, double> f, Func<double, double> df, AffineFit start)
        {
            double[] p = { start.A, start.B, start.C, start.D };
            double sse = Sse(x, y, f, p);
            if (!double.IsFinite(sse))
            {
                return start;
            }

            double lambda = 1e-3;
            var jtj = new double[4, 4];
            var jtr = new double[4];
            var row = new double[4];
            for (int it = 0; it < Iterations; it++)
            {
                Array.Clear(jtj, 0, jtj.Length);
                Array.Clear(jtr, 0, jtr.Length);
                for (int n = 0; n < x.Length; n++)
                {
                    double u = p[0] * x[n] + p[1];
                    double fu = f(u), dfu = df(u);
                    double r = p[2] * fu + p[3] - y[n];
                    row[0] = p[2] * dfu * x[n];
                    row[1] = p[2] * dfu;
                    row[2] = fu;
                    row[3] = 1.0;
                    for (int a = 0; a < 4; a++)
                    {
                        jtr[a] += row[a] * r;
                        for (int b = 0; b < 4; b++)
                        {
                            jtj[a, b] += row[a] * row[b];
                        }
                    }
                }

                bool improved = false;
                for (int attempt = 0; attempt < 8 && !improved; attempt++)
                {
                    double[]? step = Solve(jtj, jtr, lambda);
                    if (step is not null)
                    {
                        double[] q = { p[0] - step[0], p[1] - step[1], p[2] - step[2], p[3] - step[3] };
                        double next = Sse(x, y, f, q);
                        if (double.IsFinite(next) && next < sse)
                        {
                            bool converged = sse - next <= 1e-15 * sse;
                            p = q;
                            sse = next;
                            lambda = Math.Max(lambda / 10, 1e-12);
                            improved = true;
                            if (converged)
                            {
                                return new AffineFit(p[0], p[1], p[2], p[3], start.R2);
                            }

                            continue;
                        }
                    }

                    lambda *= 10;
                }

                if (!improved)
                {
                    break;
                }
            }

            return new AffineFit(p[0], p[1], p[2], p[3], start.R2);
        }

        public static double Sse(double[] x, double[] y, Func<double, double> f, double[] p)
        {
            double s = 0;
            for (int n = 0; n < x.Length; n++)
            {
                double r = p[2] * f(p[0] * x[n] + p[1]) + p[3] - y[n];
                s += r * r;
            }

            return s;
        }

        /// <summary>(JᵀJ + λ diag(JᵀJ)) δ = Jᵀr by Gaussian elimination with partial pivoting; null when singular.</summary>
        private static double[]? Solve(double[,] jtj, double[] jtr, double lambda)
        {
            var m = new double[4, 5];
            for (int a = 0; a < 4; a++)
            {
                for (int b = 0; b < 4; b++)
                {
                    m[a, b] = jtj[a, b] + (a == b ? lambda * Math.Max(jtj[a, a], 1e-12) : 0.0);
                }

                m[a, 4] = jtr[a];
            }

            for (int col = 0; col < 4; col++)
            {
                int pivot = col;
                for (int r = col + 1; r < 4; r++)
                {
                    if (Math.Abs(m[r, col]) > Math.Abs(m[pivot, col]))
                    {
                        pivot = r;
                    }
                }

                if (!(Math.Abs(m[pivot, col]) > 1e-300))
                {
                    return null;
                }

                for (int c = 0; c < 5; c++)
                {
                    (m[col, c], m[pivot, c]) = (m[pivot, c], m[col, c]);
                }

                for (int r = 0; r < 4; r++)
                {
                    if (r != col)
                    {
                        double factor = m[r, col] / m[col, col];
                        for (int c = col; c < 5; c++)
                        {
                            m[r, c] -= factor * m[col, c];
                        }
                    }
                }
            }

            var x = new double[4];
            for (int a = 0; a < 4; a++)
            {
                x[a] = m[a, 4] / m[a, a];
            }

            return double.IsFinite(x[0] + x[1] + x[2] + x[3]) ? x : null;
        }
    }
}
