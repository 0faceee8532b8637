using System;
using Kan.Training.Compute;

namespace Kan.Training.Grid
{
    /// <summary>
    /// pykan's <c>KANLayer.update_grid_from_samples</c> and <c>initialize_grid_from_parent</c> (mode 'sample'):
    /// per input, the new grid is <c>grid_eps * uniform + (1 - grid_eps) * adaptive</c>, where adaptive takes the
    /// sorted samples at indices <c>int(batch / G * p)</c> (p &lt; G) and the last sample, and uniform spaces G
    /// intervals between the smallest and largest sample; it is extended by k on each side (extend_grid) and the
    /// coefficients are refitted by least squares to the old spline's values on the samples (curve2coef), so the
    /// edge functions are preserved where the data lie.
    /// </summary>
    internal static class GridFromSamples
    {
        /// <summary>
        /// Sets <paramref name="target"/>'s knots (with its own G) and coefficients from the samples
        /// <paramref name="x"/> [rows, in] and the old spline values <paramref name="spline"/> [rows, in, sub].
        /// </summary>
        public static void Apply(NetworkLayer target, double[] x, double[] spline, int rows, double gridEps)
        {
            int nIn = target.InputCount, nSub = target.SubnodeCount, g = target.GridIntervals, k = target.K;
            var column = new double[rows];
            var values = new double[rows * nSub];
            var grid = new double[g + 1];
            for (int i = 0; i < nIn; i++)
            {
                for (int b = 0; b < rows; b++)
                {
                    column[b] = x[b * nIn + i];
                    for (int j = 0; j < nSub; j++)
                    {
                        values[b * nSub + j] = spline[(b * nIn + i) * nSub + j];
                    }
                }

                var sorted = (double[])column.Clone();
                Array.Sort(sorted);
                double lo = sorted[0], hi = sorted[rows - 1];
                double h = (hi - lo) / g;
                for (int p = 0; p <= g; p++)
                {
                    double adaptive = p < g ? sorted[(int)((double)rows / g * p)] : hi;
                    double uniform = lo + h * p;
                    grid[p] = gridEps * uniform + (1 - gridEps) * adaptive;
                }

                Span<double> knots = target.Arrays.Knots.AsSpan(i * target.KnotCount, target.KnotCount);
                SplineLeastSquares.ExtendGrid(grid, k, knots);
                SplineLeastSquares.Fit(knots, k, column, values, nSub, target.Arrays.Coefficients, i * nSub * target.CoefficientCount, target.CoefficientCount);
            }
        }

        /// <summary>
        /// pykan <c>MultKAN.update_grid_from_samples</c>: layer by layer, each on activations recomputed after the
        /// previous layer's update; with <paramref name="yTh"/>, through the fit's singularity-safe symbolic edges.
        /// </summary>
        public static void Update(KanNetwork net, double[] inputs, int rows, double? yTh = null)
        {
            for (int l = 0; l < net.LayerCount; l++)
            {
                (double[] x, double[] spline) = LayerSamples.Collect(net, inputs, rows, l, yTh);
                Apply(net.Layers[l], x, spline, rows, net.Options.GridEps);
            }
        }
    }
}
