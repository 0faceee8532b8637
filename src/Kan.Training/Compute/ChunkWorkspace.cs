using System;

namespace Kan.Training.Compute
{
    /// <summary>
    /// The buffers one worker streams chunks through: every layer's activations for <see cref="RowChunks.ChunkRows"/>
    /// rows, the chunk's outputs and output gradient, and the regulariser's per-sample terms. Its size depends on the
    /// network, never on the batch.
    /// </summary>
    internal sealed class ChunkWorkspace
    {
        public ChunkWorkspace(KanNetwork net)
        {
            int rows = RowChunks.ChunkRows;
            Layers = new LayerBuffers[net.LayerCount];
            Lanes = new EdgeGradientLanes[net.LayerCount];
            ExtraEdge = new double[net.LayerCount][];
            ExtraInput = new double[net.LayerCount][];
            for (int l = 0; l < Layers.Length; l++)
            {
                Layers[l] = new LayerBuffers(net.Layers[l], rows);
                Lanes[l] = new EdgeGradientLanes(net.Layers[l]);
                ExtraEdge[l] = new double[Layers[l].Numeric.Length];
                ExtraInput[l] = new double[Layers[l].X.Length];
            }

            Output = new double[rows * net.OutputCount];
            OutputGradient = new double[rows * net.OutputCount];
            int width = net.InputWidth;
            foreach (NetworkLayer layer in net.Layers)
            {
                width = Math.Max(width, Math.Max(layer.InputCount, Math.Max(layer.SubnodeCount, layer.OutputCount)));
            }

            BackwardScratch = new[] { new double[rows * width], new double[rows * width], new double[rows * width] };
            Moments = new EdgeMoments(net);
        }

        public LayerBuffers[] Layers { get; }

        public double[] Output { get; }

        /// <summary>[layer]: the chunk's spline-parameter gradients in lanes, until the backward pass folds them in.</summary>
        public EdgeGradientLanes[] Lanes { get; }

        public double[] OutputGradient { get; }

        /// <summary>[layer][rows, in, sub]: regulariser gradient per masked numeric edge activation.</summary>
        public double[][] ExtraEdge { get; }

        /// <summary>[layer][rows, in]: regulariser gradient per layer input.</summary>
        public double[][] ExtraInput { get; }

        /// <summary>[3][rows, widest layer]: the backward pass's per-row gradients of subnodes and of layer inputs.</summary>
        public double[][] BackwardScratch { get; }

        /// <summary>Scratch for one chunk's moments.</summary>
        public EdgeMoments Moments { get; }
    }
}
