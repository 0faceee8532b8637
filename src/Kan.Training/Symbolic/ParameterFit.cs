using System;
using System.Threading.Tasks;

namespace Kan.Training.Symbolic
{
    /// <summary>
    /// pykan's <c>fit_params</c> (kan/utils.py): fit <c>y ≈ c*f(a*x + b) + d</c> by a grid search over (a, b) that
    /// maximises <c>r2 = (sum (f-mean f)(y-mean y))^2 / (sum (f-mean f)^2 * sum (y-mean y)^2 + 1e-4)</c> (NaN read as
    /// 0), zooming <c>iterations</c> times into the neighbouring cells of the best point (or into the edge cell when
    /// the best point is on the boundary), then ordinary least squares with intercept for c and d.
    /// Runs in double, in parallel over the a-grid, one pass per grid cell and no allocation per cell or point.
    /// Never returns NaN: a constant y, or an f that is NaN or infinite everywhere, gives c = 0, d = mean(y), r2 = 0.
    /// </summary>
    public static class ParameterFit
    {
        public static AffineFit FitParams(
            double[] x,
            double[] y,
            Func<double, double> function,
            (double Min, double Max)? aRange = null,
            (double Min, double Max)? bRange = null,
            int gridNumber = 101,
            int iterations = 3)
        {
            if (x is null || y is null || function is null)
            {
                throw new ArgumentNullException(x is null ? nameof(x) : y is null ? nameof(y) : nameof(function));
            }

            if (x.Length != y.Length || x.Length == 0)
            {
                throw new ArgumentException("x and y must have the same, non-zero length (got " + x.Length + " and " + y.Length + ").");
            }

            if (gridNumber < 2 || iterations < 1)
            {
                throw new ArgumentOutOfRangeException(gridNumber < 2 ? nameof(gridNumber) : nameof(iterations), "Need at least 2 grid points and 1 iteration.");
            }

            for (int n = 0; n < x.Length; n++)
            {
                if (!double.IsFinite(x[n]) || !double.IsFinite(y[n]))
                {
                    throw new ArgumentException("x and y must be finite; sample " + n + " is (" + x[n] + ", " + y[n] + ").");
                }
            }

            (double lo, double hi) a = aRange ?? (-10.0, 10.0);
            (double lo, double hi) b = bRange ?? (-10.0, 10.0);
            int count = x.Length;
            double yMean = Mean(y);
            var yCentered = new double[count];
            double syy = 0.0, yCenteredSum = 0.0;
            for (int n = 0; n < count; n++)
            {
                yCentered[n] = y[n] - yMean;
                syy += yCentered[n] * yCentered[n];
                yCenteredSum += yCentered[n];
            }

            var r2 = new double[gridNumber * gridNumber];
            var aGrid = new double[gridNumber];
            var bGrid = new double[gridNumber];
            int aId = 0, bId = 0;
            for (int it = 0; it < iterations; it++)
            {
                Linspace(a.lo, a.hi, aGrid);
                Linspace(b.lo, b.hi, bGrid);
                Parallel.For(0, gridNumber, ia =>
                {
                    for (int ib = 0; ib < gridNumber; ib++)
                    {
                        r2[ia * gridNumber + ib] = GridR2(x, yCentered, syy, yCenteredSum, function, aGrid[ia], bGrid[ib]);
                    }
                });

                // torch.argmax: the first maximum in row-major (a, b) order.
                int best = 0;
                for (int k = 1; k < r2.Length; k++)
                {
                    if (r2[k] > r2[best])
                    {
                        best = k;
                    }
                }

                aId = best / gridNumber;
                bId = best % gridNumber;
                int last = gridNumber - 1;
                if (aId == 0 || aId == last || bId == 0 || bId == last)
                {
                    // pykan zooms only the coordinate that sits on the boundary; the other keeps its range.
                    if (aId == 0) a = (aGrid[0], aGrid[1]);
                    if (aId == last) a = (aGrid[last - 1], aGrid[last]);
                    if (bId == 0) b = (bGrid[0], bGrid[1]);
                    if (bId == last) b = (bGrid[last - 1], bGrid[last]);
                }
                else
                {
                    a = (aGrid[aId - 1], aGrid[aId + 1]);
                    b = (bGrid[bId - 1], bGrid[bId + 1]);
                }
            }

            double aBest = aGrid[aId], bBest = bGrid[bId];
            double r2Best = r2[aId * gridNumber + bId];

            // Least squares with intercept on nan_to_num(f(a*x + b)), as sklearn's LinearRegression.
            var fitted = new double[count];
            for (int n = 0; n < count; n++)
            {
                fitted[n] = NanToNum(function(aBest * x[n] + bBest));
            }

            double fMean = Mean(fitted);
            double sff = 0.0, sfy = 0.0;
            for (int n = 0; n < count; n++)
            {
                double fc = fitted[n] - fMean;
                sff += fc * fc;
                sfy += fc * yCentered[n];
            }

            double c = sff > 0.0 ? sfy / sff : 0.0;
            double d = yMean - c * fMean;
            if (!double.IsFinite(c) || !double.IsFinite(d))
            {
                // f spans more than double can square (e.g. nan_to_num turned inf into MaxValue): no usable slope.
                c = 0.0;
                d = yMean;
            }

            return new AffineFit(aBest, bBest, c, d, double.IsFinite(r2Best) ? r2Best : 0.0);
        }

        /// <summary>
        /// Pykan's r2 of one grid cell, NaN read as 0 (torch.nan_to_num). One pass over the samples with the sums
        /// shifted by the first value (so a flat f gives exactly zero variance and large offsets do not cancel);
        /// a NaN or infinite f anywhere makes the cell NaN, hence 0, as in torch.
        /// </summary>
        private static double GridR2(double[] x, double[] yCentered, double syy, double yCenteredSum, Func<double, double> f, double a, double b)
        {
            int count = x.Length;
            double shift = f(a * x[0] + b);
            double s1 = 0.0, s2 = 0.0, s3 = 0.0;
            for (int n = 0; n < count; n++)
            {
                double d = f(a * x[n] + b) - shift;
                s1 += d;
                s2 += d * d;
                s3 += d * yCentered[n];
            }

            double meanShift = s1 / count;
            double sff = s2 - s1 * meanShift;
            double sfy = s3 - meanShift * yCenteredSum;
            return NanToNum(sfy * sfy / (sff * syy + 1e-4));
        }

        /// <summary>torch.linspace: the first half counted from the start, the second from the end.</summary>
        private static void Linspace(double start, double end, double[] into)
        {
            int steps = into.Length;
            double step = (end - start) / (steps - 1);
            int half = steps / 2;
            for (int i = 0; i < steps; i++)
            {
                into[i] = i < half ? start + step * i : end - step * (steps - 1 - i);
            }
        }

        /// <summary>torch.nan_to_num: NaN to 0, ±inf to the largest finite values.</summary>
        internal static double NanToNum(double v) =>
            double.IsNaN(v) ? 0.0 : double.IsPositiveInfinity(v) ? double.MaxValue : double.IsNegativeInfinity(v) ? double.MinValue : v;

        private static double Mean(double[] v)
        {
            double s = 0.0;
            foreach (double e in v)
            {
                s += e;
            }

            return s / v.Length;
        }
    }
}
