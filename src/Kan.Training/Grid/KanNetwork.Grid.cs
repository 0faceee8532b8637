using System;
using System.Collections.Generic;
using Kan.Training.Compute;
using Kan.Training.Grid;

namespace Kan.Training
{
    public sealed partial class KanNetwork
    {
        /// <summary>
        /// pykan <c>update_grid(x)</c>: moves every layer's grid to the sample distribution of its inputs on
        /// <paramref name="inputs"/> (caller columns) and refits the coefficients so the functions are kept.
        /// </summary>
        public void UpdateGrid(double[,] inputs)
        {
            int rows = inputs.GetLength(0);
            new GridFromSamples(ComputeOptions.Default).Update(this, Flatten(inputs), rows);
        }

        /// <summary>
        /// pykan <c>refine(new_grid)</c>: a new network with <paramref name="newGrid"/> intervals per input whose
        /// grids follow the samples' activations and whose splines are least-squares fits of this network's splines
        /// (initialize_grid_from_parent); scales, masks, affines and symbolic branches are copied.
        /// <paramref name="samples"/> are caller-column inputs, normally the training inputs (pykan uses its cached last batch).
        /// </summary>
        public KanNetwork Refine(int newGrid, double[,] samples)
        {
            if (newGrid < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(newGrid));
            }

            int rows = samples.GetLength(0);
            double[] inputs = Flatten(samples);
            var layers = new List<NetworkLayer>();
            var refit = new GridFromSamples(ComputeOptions.Default);
            for (int l = 0; l < LayerCount; l++)
            {
                NetworkLayer old = _layers[l];
                NetworkLayer fresh = old.WithGrid(newGrid);
                (double[] x, double[] spline) = refit.Samples.Collect(this, inputs, rows, l);
                refit.Apply(fresh, x, spline, rows, Options.GridEps);
                layers.Add(fresh);
            }

            KanNetwork refined = WithLayers(layers, (int[])InputIds.Clone());
            refined.Options.Grid = newGrid;
            return refined;
        }

        internal static double[] Flatten(double[,] m)
        {
            var flat = new double[m.Length];
            Buffer.BlockCopy(m, 0, flat, 0, flat.Length * sizeof(double));
            return flat;
        }
    }
}
