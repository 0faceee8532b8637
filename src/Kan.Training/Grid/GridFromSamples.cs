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
    /// A fit updates its grid every few steps on the same batch size, so one instance keeps its sample buffers
    /// (<see cref="Samples"/>) and per-input scratch for all of them.
    /// </summary>
    internal sealed class GridFromSamples
    {
        private double[] _column = Array.Empty<double>();
        private double[] _values = Array.Empty<double>();
        private double[] _sorted = Array.Empty<double>();
        private double[] _grid = Array.Empty<double>();
        private int[] _ranks = Array.Empty<int>();
        private double[] _picked = Array.Empty<double>();

        /// <param name="compute">How the sample passes use threads (the fit's own setting).</param>
        public GridFromSamples(ComputeOptions compute)
        {
            Samples = new LayerSamples(compute);
        }

        /// <summary>Collects the layer samples <see cref="Apply"/> reads.</summary>
        public LayerSamples Samples { get; }

        /// <summary>
        /// Sets <paramref name="target"/>'s knots (with its own G) and coefficients from the samples
        /// <paramref name="x"/> [rows, in] and the old spline values <paramref name="spline"/> [rows, in, sub].
        /// </summary>
        public void Apply(NetworkLayer target, double[] x, double[] spline, int rows, double gridEps)
        {
            int nIn = target.InputCount, nSub = target.SubnodeCount, g = target.GridIntervals, k = target.K;
            double[] column = Buffer(ref _column, rows);
            double[] sorted = Buffer(ref _sorted, rows);
            // Layers differ in width, so this buffer keeps the largest size asked for; the refit reads the first rows * nSub.
            if (_values.Length < rows * nSub)
            {
                _values = new double[rows * nSub];
            }

            ReadOnlySpan<double> values = _values.AsSpan(0, rows * nSub);
            double[] grid = Buffer(ref _grid, g + 1);
            // Ranks read from the sorted samples: the adaptive points int(rows / G * p) for p < G, then the last
            // (the largest, also the uniform grid's end); rank 0 is the smallest.
            int[] ranks = Buffer(ref _ranks, g + 1);
            double[] picked = Buffer(ref _picked, g + 1);
            for (int p = 0; p < g; p++)
            {
                ranks[p] = (int)((double)rows / g * p);
            }

            ranks[g] = rows - 1;
            for (int i = 0; i < nIn; i++)
            {
                for (int b = 0; b < rows; b++)
                {
                    column[b] = x[b * nIn + i];
                    sorted[b] = column[b];
                    for (int j = 0; j < nSub; j++)
                    {
                        _values[b * nSub + j] = spline[(b * nIn + i) * nSub + j];
                    }
                }

                OrderStatistics.Pick(sorted, ranks, picked);
                double lo = picked[0], hi = picked[g];
                double h = (hi - lo) / g;
                for (int p = 0; p <= g; p++)
                {
                    double adaptive = picked[p];
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
        public void Update(KanNetwork net, double[] inputs, int rows, double? yTh = null)
        {
            for (int l = 0; l < net.LayerCount; l++)
            {
                (double[] x, double[] spline) = Samples.Collect(net, inputs, rows, l, yTh);
                Apply(net.Layers[l], x, spline, rows, net.Options.GridEps);
            }
        }

        private static T[] Buffer<T>(ref T[] buffer, int length)
        {
            if (buffer.Length != length)
            {
                buffer = new T[length];
            }

            return buffer;
        }
    }
}
