using System;
using System.Runtime.CompilerServices;

namespace Kan.Training.Compute
{
    /// <summary>
    /// Batch means and sums of squared deviations of what the regulariser measures, per layer: every input
    /// <c>x_i</c> and every masked numeric edge activation <c>mask*(sb*b(x)+sp*spline)</c>. Filled chunk by chunk
    /// (two passes over the chunk, then Chan's pairwise merge), so the batch never has to be in memory at once
    /// and the result is as accurate as a two-pass computation over the batch.
    /// </summary>
    internal sealed class EdgeMoments
    {
        public EdgeMoments(KanNetwork net)
        {
            int layers = net.LayerCount;
            MeanX = new double[layers][];
            SquaresX = new double[layers][];
            MeanY = new double[layers][];
            SquaresY = new double[layers][];
            for (int l = 0; l < layers; l++)
            {
                NetworkLayer layer = net.Layers[l];
                MeanX[l] = new double[layer.InputCount];
                SquaresX[l] = new double[layer.InputCount];
                MeanY[l] = new double[layer.InputCount * layer.SubnodeCount];
                SquaresY[l] = new double[layer.InputCount * layer.SubnodeCount];
            }
        }

        /// <summary>Rows seen.</summary>
        public long Count { get; private set; }

        /// <summary>[layer][in]: mean of each input.</summary>
        public double[][] MeanX { get; }

        /// <summary>[layer][in]: sum of squared deviations from the mean.</summary>
        public double[][] SquaresX { get; }

        /// <summary>[layer][in * sub]: mean of each masked numeric edge activation.</summary>
        public double[][] MeanY { get; }

        /// <summary>[layer][in * sub]: sum of squared deviations from the mean.</summary>
        public double[][] SquaresY { get; }

        public void Clear()
        {
            Count = 0;
            ClearAll(MeanX);
            ClearAll(SquaresX);
            ClearAll(MeanY);
            ClearAll(SquaresY);
        }

        private static void ClearAll(double[][] set)
        {
            foreach (double[] a in set)
            {
                Array.Clear(a, 0, a.Length);
            }
        }

        /// <summary>Adds rows [from, to) of a forward pass that kept its activations, using <paramref name="scratch"/> (same shapes) for the chunk.</summary>
        public void AddRows(KanNetwork net, LayerBuffers[] layers, int from, int to, EdgeMoments scratch)
        {
            int rows = to - from;
            for (int l = 0; l < layers.Length; l++)
            {
                NetworkLayer layer = net.Layers[l];
                LayerBuffers buf = layers[l];
                ChunkMoments(buf.X, null, layer.InputCount, from, to, scratch.MeanX[l], scratch.SquaresX[l]);
                ChunkMoments(buf.Numeric, layer.Arrays.Mask, layer.InputCount * layer.SubnodeCount, from, to, scratch.MeanY[l], scratch.SquaresY[l]);
            }

            scratch.Count = rows;
            Merge(scratch);
        }

        /// <summary>Chan et al.'s pairwise update: this becomes the moments of both row sets.</summary>
        public void Merge(EdgeMoments other)
        {
            if (other.Count == 0)
            {
                return;
            }

            double na = Count, nb = other.Count, n = na + nb;
            for (int l = 0; l < MeanX.Length; l++)
            {
                Merge(MeanX[l], SquaresX[l], other.MeanX[l], other.SquaresX[l], na, nb, n);
                Merge(MeanY[l], SquaresY[l], other.MeanY[l], other.SquaresY[l], na, nb, n);
            }

            Count += other.Count;
        }

        private static void Merge(double[] mean, double[] squares, double[] otherMean, double[] otherSquares, double na, double nb, double n)
        {
            for (int q = 0; q < mean.Length; q++)
            {
                double delta = otherMean[q] - mean[q];
                mean[q] += delta * (nb / n);
                squares[q] += otherSquares[q] + delta * delta * (na * nb / n);
            }
        }

        /// <summary>Two-pass mean and squared deviations of the columns of <paramref name="values"/> [rows, width] (times <paramref name="scale"/> per column).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void ChunkMoments(double[] values, double[]? scale, int width, int from, int to, double[] mean, double[] squares)
        {
            Array.Clear(mean, 0, width);
            Array.Clear(squares, 0, width);
            for (int b = from; b < to; b++)
            {
                for (int q = 0; q < width; q++)
                {
                    mean[q] += (scale is null ? 1.0 : scale[q]) * values[b * width + q];
                }
            }

            double inv = 1.0 / (to - from);
            for (int q = 0; q < width; q++)
            {
                mean[q] *= inv;
            }

            for (int b = from; b < to; b++)
            {
                for (int q = 0; q < width; q++)
                {
                    double d = (scale is null ? 1.0 : scale[q]) * values[b * width + q] - mean[q];
                    squares[q] += d * d;
                }
            }
        }
    }
}
