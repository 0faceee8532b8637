using System;

namespace Kan.Training.Optimizers
{
    /// <summary>
    /// The strong-Wolfe line search of torch.optim.LBFGS (<c>_strong_wolfe</c> and <c>_cubic_interpolate</c>,
    /// which pykan's kan/LBFGS.py reuses): bracketing with cubic extrapolation, then zoom with cubic interpolation
    /// and the 0.1-of-bracket safeguard; c1=1e-4, c2=0.9, tolerance_change=1e-9, max_ls=25.
    /// torch clones gradients as it moves them between the bracket's ends; here a gradient, once evaluated, is
    /// never written again, so the ends hold references, and each evaluation writes into one of four buffers that no
    /// live reference (previous point, two bracket ends) holds. One search allocates nothing.
    /// </summary>
    internal sealed class StrongWolfe
    {
        private const double C1 = 1e-4;
        private const double C2 = 0.9;
        private const double ToleranceChange = 1e-9;
        private const int MaxLineSearch = 25;

        private readonly double[][] _gradients = new double[4][];
        private readonly double[] _bracket = new double[2];
        private readonly double[] _bracketF = new double[2];
        private readonly double[]?[] _bracketG = new double[]?[2];
        private readonly double[] _bracketGtd = new double[2];
        private double[] _xt = Array.Empty<double>();

        /// <summary>Sizes the buffers for <paramref name="n"/> parameters.</summary>
        public void EnsureBuffers(int n)
        {
            if (_xt.Length == n)
            {
                return;
            }

            _xt = new double[n];
            for (int i = 0; i < _gradients.Length; i++)
            {
                _gradients[i] = new double[n];
            }
        }

        public static double CubicInterpolate(double x1, double f1, double g1, double x2, double f2, double g2, double? minBound = null, double? maxBound = null)
        {
            double lo, hi;
            if (minBound.HasValue)
            {
                lo = minBound.Value;
                hi = maxBound!.Value;
            }
            else if (x1 <= x2)
            {
                lo = x1;
                hi = x2;
            }
            else
            {
                lo = x2;
                hi = x1;
            }

            double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
            double d2Square = d1 * d1 - g1 * g2;
            if (d2Square >= 0)
            {
                double d2 = Math.Sqrt(d2Square);
                double minPos = x1 <= x2
                    ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
                    : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
                return Math.Min(Math.Max(minPos, lo), hi);
            }

            return (lo + hi) / 2.0;
        }

        /// <summary>
        /// Searches along <paramref name="d"/> from <paramref name="x"/> (loss <paramref name="f"/>, gradient
        /// <paramref name="g"/>, directional derivative <paramref name="gtd"/>), starting at step <paramref name="t"/>.
        /// Returns the accepted loss and step; its gradient is written into <paramref name="gOut"/>.
        /// </summary>
        public (double Loss, double Step, int Evaluations) Search(IDifferentiableFunction fn, double[] x, double t, double[] d, double f, double[] g, double gtd, double[] gOut)
        {
            int n = x.Length;
            EnsureBuffers(n);
            double dNorm = FlatVector.MaxAbs(d);

            double[] xt = _xt;
            double[] bracket = _bracket, bracketF = _bracketF, bracketGtd = _bracketGtd;
            double[]?[] bracketG = _bracketG;
            bracketG[0] = null;
            bracketG[1] = null;
            double[] gPrev = g;
            double[] gNew = FreeGradient(gPrev);
            double fNew = Directional(fn, x, t, d, xt, gNew);
            int evals = 1;
            double gtdNew = FlatVector.Dot(gNew, d);

            double tPrev = 0, fPrev = f, gtdPrev = gtd;
            bool done = false;
            int lsIter = 0;
            int size = 0;

            while (lsIter < MaxLineSearch)
            {
                if (fNew > f + C1 * t * gtd || (lsIter > 1 && fNew >= fPrev))
                {
                    Set2(tPrev, t, fPrev, fNew, gPrev, gNew, gtdPrev, gtdNew);
                    break;
                }

                if (Math.Abs(gtdNew) <= -C2 * gtd)
                {
                    bracket[0] = t;
                    bracketF[0] = fNew;
                    bracketG[0] = gNew;
                    bracketGtd[0] = gtdNew;
                    size = 1;
                    done = true;
                    break;
                }

                if (gtdNew >= 0)
                {
                    Set2(tPrev, t, fPrev, fNew, gPrev, gNew, gtdPrev, gtdNew);
                    break;
                }

                double minStep = t + 0.01 * (t - tPrev);
                double maxStep = t * 10;
                double tmp = t;
                t = CubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, minStep, maxStep);
                tPrev = tmp;
                fPrev = fNew;
                gPrev = gNew;
                gtdPrev = gtdNew;
                gNew = FreeGradient(gPrev);
                fNew = Directional(fn, x, t, d, xt, gNew);
                evals++;
                gtdNew = FlatVector.Dot(gNew, d);
                lsIter++;
            }

            if (lsIter == MaxLineSearch)
            {
                Set2(0, t, f, fNew, g, gNew, gtd, gtdNew);
            }

            bool insufficientProgress = false;
            int lowPos = 0, highPos = 0;
            if (size == 2)
            {
                (lowPos, highPos) = bracketF[0] <= bracketF[1] ? (0, 1) : (1, 0);
            }

            while (!done && lsIter < MaxLineSearch)
            {
                if (Math.Abs(bracket[1] - bracket[0]) * dNorm < ToleranceChange)
                {
                    break;
                }

                t = CubicInterpolate(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1]);
                double bMax = Math.Max(bracket[0], bracket[1]);
                double bMin = Math.Min(bracket[0], bracket[1]);
                double eps = 0.1 * (bMax - bMin);
                if (Math.Min(bMax - t, t - bMin) < eps)
                {
                    if (insufficientProgress || t >= bMax || t <= bMin)
                    {
                        t = Math.Abs(t - bMax) < Math.Abs(t - bMin) ? bMax - eps : bMin + eps;
                        insufficientProgress = false;
                    }
                    else
                    {
                        insufficientProgress = true;
                    }
                }
                else
                {
                    insufficientProgress = false;
                }

                gNew = FreeGradient(gPrev);
                fNew = Directional(fn, x, t, d, xt, gNew);
                evals++;
                gtdNew = FlatVector.Dot(gNew, d);
                lsIter++;

                if (fNew > f + C1 * t * gtd || fNew >= bracketF[lowPos])
                {
                    bracket[highPos] = t;
                    bracketF[highPos] = fNew;
                    bracketG[highPos] = gNew;
                    bracketGtd[highPos] = gtdNew;
                    (lowPos, highPos) = bracketF[0] <= bracketF[1] ? (0, 1) : (1, 0);
                }
                else
                {
                    if (Math.Abs(gtdNew) <= -C2 * gtd)
                    {
                        done = true;
                    }
                    else if (gtdNew * (bracket[highPos] - bracket[lowPos]) >= 0)
                    {
                        bracket[highPos] = bracket[lowPos];
                        bracketF[highPos] = bracketF[lowPos];
                        bracketG[highPos] = bracketG[lowPos];
                        bracketGtd[highPos] = bracketGtd[lowPos];
                    }

                    bracket[lowPos] = t;
                    bracketF[lowPos] = fNew;
                    bracketG[lowPos] = gNew;
                    bracketGtd[lowPos] = gtdNew;
                }
            }

            t = bracket[lowPos];
            Array.Copy(bracketG[lowPos]!, gOut, n);
            return (bracketF[lowPos], t, evals);

            void Set2(double t0, double t1, double f0, double f1, double[] g0, double[] g1, double gtd0, double gtd1)
            {
                bracket[0] = t0;
                bracket[1] = t1;
                bracketF[0] = f0;
                bracketF[1] = f1;
                bracketG[0] = g0;
                bracketG[1] = g1;
                bracketGtd[0] = gtd0;
                bracketGtd[1] = gtd1;
                size = 2;
            }
        }

        /// <summary>A gradient buffer held by none of <paramref name="gPrev"/> and the bracket's ends.</summary>
        private double[] FreeGradient(double[] gPrev)
        {
            foreach (double[] buffer in _gradients)
            {
                if (buffer != gPrev && buffer != _bracketG[0] && buffer != _bracketG[1])
                {
                    return buffer;
                }
            }

            throw new InvalidOperationException("Every line-search gradient buffer is in use.");
        }

        /// <summary>torch's <c>_directional_evaluate</c>: loss and gradient at x + t d (parameters are restored by the caller's next write).</summary>
        private static double Directional(IDifferentiableFunction fn, double[] x, double t, double[] d, double[] xt, double[] gradient)
        {
            Array.Copy(x, xt, x.Length);
            FlatVector.Axpy(t, d, xt);
            return fn.Evaluate(xt, gradient);
        }
    }
}
