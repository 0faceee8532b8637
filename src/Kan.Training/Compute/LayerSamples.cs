using System;
using System.Collections.Concurrent;

namespace Kan.Training.Compute
{
    /// <summary>
    /// One layer's inputs and spline sums over a batch (what pykan's <c>update_grid_from_samples</c> and
    /// <c>initialize_grid_from_parent</c> read from <c>acts</c> and <c>spline_postsplines</c>), streamed through
    /// chunk-sized buffers so only that layer's samples are held for the whole batch.
    /// </summary>
    internal static class LayerSamples
    {
        /// <summary>
        /// Returns layer <paramref name="layer"/>'s inputs [rows, in] and spline sums [rows, in, sub] on caller rows
        /// <paramref name="inputs"/>; <paramref name="yTh"/> as in <see cref="ForwardMode.YTh"/>.
        /// </summary>
        public static (double[] X, double[] Spline) Collect(KanNetwork net, double[] inputs, int rows, int layer, double? yTh = null)
        {
            NetworkLayer target = net.Layers[layer];
            int nIn = target.InputCount, nSub = target.SubnodeCount;
            var x = new double[rows * nIn];
            var spline = new double[rows * nIn * nSub];
            LayerKnots[] knots = LayerKnots.Build(net);
            var mode = new ForwardMode(derivatives: false, net.SymbolicActive, keepActivations: false, yTh);
            var chunks = new RowChunks(rows);
            var workspaces = new ConcurrentBag<ChunkWorkspace>();
            chunks.ForEachSegment(ComputeOptions.Default, RowChunks.WorkPerRow(net), s =>
            {
                if (!workspaces.TryTake(out ChunkWorkspace? ws))
                {
                    ws = new ChunkWorkspace(net);
                }

                (int firstChunk, int endChunk) = chunks.Segment(s);
                for (int c = firstChunk; c < endChunk; c++)
                {
                    int row = chunks.Start(c), count = chunks.Length(c);
                    NetworkForward.LoadInputs(net, inputs, row, ws.Layers[0], 0, count);
                    NetworkForward.Layers(net, knots, ws.Layers, ws.Output, 0, count, mode, firstBasisReady: false, ComputeOptions.Default.Vectors, layerCount: layer + 1);
                    Array.Copy(ws.Layers[layer].X, 0, x, row * nIn, count * nIn);
                    Array.Copy(ws.Layers[layer].Spline, 0, spline, row * nIn * nSub, count * nIn * nSub);
                }

                workspaces.Add(ws);
            });

            return (x, spline);
        }
    }
}
