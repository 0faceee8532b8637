using System;
using MathNet.Numerics.LinearAlgebra;

namespace Kan.Training.Grid
{
    /// <summary>
    /// pykan's <c>curve2coef</c> (kan/spline.py) for one input: the coefficients whose B-spline curve best fits
    /// sampled values in least squares, one right-hand side per outgoing edge. pykan calls <c>torch.linalg.lstsq</c>,
    /// which returns the minimum-norm solution when the system is under-determined (as at initialisation, where
    /// G+1 points fit G+k coefficients); the pseudo-inverse of the small Gram matrix gives the same solution.
    /// </summary>
    internal static class SplineLeastSquares
    {
        /// <summary>
        /// Fits <paramref name="values"/>[s * rhsCount + r] at <paramref name="x"/>[s] and writes coefficients for
        /// right-hand side r to <paramref name="coef"/>[r * stride + offset .. + G+k].
        /// </summary>
        public static void Fit(ReadOnlySpan<double> knots, int k, ReadOnlySpan<double> x, ReadOnlySpan<double> values, int rhsCount, double[] coef, int offset, int stride)
        {
            int m = knots.Length - k - 1;
            var gramValues = new double[m * m];
            var rhsValues = new double[m * rhsCount];
            NormalEquations.Accumulate(knots, k, x, values, rhsCount, gramValues, rhsValues);

            var gram = Matrix<double>.Build.Dense(m, m, gramValues);
            var rhs = Matrix<double>.Build.Dense(m, rhsCount, rhsValues);

            // Minimum-norm least squares through the symmetric eigendecomposition of the Gram matrix.
            var evd = gram.Evd(Symmetricity.Symmetric);
            var eigenvalues = evd.EigenValues;
            double max = 0.0;
            for (int i = 0; i < m; i++)
            {
                max = Math.Max(max, Math.Abs(eigenvalues[i].Real));
            }

            double cutoff = max * 1e-13 * m;
            var v = evd.EigenVectors;
            var proj = v.TransposeThisAndMultiply(rhs);
            for (int i = 0; i < m; i++)
            {
                double e = eigenvalues[i].Real;
                double inv = e > cutoff ? 1.0 / e : 0.0;
                for (int j = 0; j < rhsCount; j++)
                {
                    proj[i, j] *= inv;
                }
            }

            var solution = v * proj;
            for (int j = 0; j < rhsCount; j++)
            {
                int start = j * stride + offset;
                for (int a = 0; a < m; a++)
                {
                    coef[start + a] = solution[a, j];
                }
            }
        }

        /// <summary>pykan <c>extend_grid</c>: adds k knots on each side, spaced like the average interval.</summary>
        public static void ExtendGrid(ReadOnlySpan<double> grid, int k, Span<double> knots)
        {
            int g = grid.Length - 1;
            double h = (grid[g] - grid[0]) / g;
            grid.CopyTo(knots.Slice(k));
            for (int e = 1; e <= k; e++)
            {
                knots[k - e] = knots[k - e + 1] - h;
                knots[k + g + e] = knots[k + g + e - 1] + h;
            }
        }
    }
}
