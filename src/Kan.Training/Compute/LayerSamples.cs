using System;
using System.Collections.Concurrent;

namespace Kan.Training.Compute
{
    /// <summary>
    /// One layer's inputs and spline sums over a batch (what pykan's <c>update_grid_from_samples</c> and
    /// <c>initialize_grid_from_parent</c> read from <c>acts</c> and <c>spline_postsplines</c>), streamed through
    /// chunk-sized buffers so only that layer's samples are held for the whole batch.
    /// A fit collects every layer at each of its grid updates, so the chunk workspaces and the per-layer result
    /// arrays are kept and reused while the network's layers are the same objects.
    /// </summary>
    internal sealed class LayerSamples
    {
        private readonly ComputeOptions _compute;
        private readonly ConcurrentBag<ChunkWorkspace> _workspaces = new ConcurrentBag<ChunkWorkspace>();
        private NetworkLayer[] _workspaceLayers = Array.Empty<NetworkLayer>();
        private double[]?[] _x = Array.Empty<double[]?>();
        private double[]?[] _spline = Array.Empty<double[]?>();

        public LayerSamples(ComputeOptions compute)
        {
            _compute = compute;
        }

        /// <summary>
        /// Returns layer <paramref name="layer"/>'s inputs [rows, in] and spline sums [rows, in, sub] on caller rows
        /// <paramref name="inputs"/>; <paramref name="yTh"/> as in <see cref="ForwardMode.YTh"/>. The arrays belong
        /// to this object and are overwritten by the next collection of the same layer.
        /// </summary>
        public (double[] X, double[] Spline) Collect(KanNetwork net, double[] inputs, int rows, int layer, double? yTh = null)
        {
            NetworkLayer target = net.Layers[layer];
            int nIn = target.InputCount, nSub = target.SubnodeCount;
            DropWorkspacesOfOtherLayers(net);
            double[] x = Buffer(ref _x[layer], rows * nIn);
            double[] spline = Buffer(ref _spline[layer], rows * nIn * nSub);
            LayerKnots[] knots = LayerKnots.Build(net);
            var mode = new ForwardMode(derivatives: false, net.SymbolicActive, keepActivations: false, yTh);
            var chunks = new RowChunks(rows);
            chunks.ForEachSegment(_compute, RowChunks.WorkPerRow(net), s =>
            {
                if (!_workspaces.TryTake(out ChunkWorkspace? ws))
                {
                    ws = new ChunkWorkspace(net);
                }

                (int firstChunk, int endChunk) = chunks.Segment(s);
                for (int c = firstChunk; c < endChunk; c++)
                {
                    int row = chunks.Start(c), count = chunks.Length(c);
                    NetworkForward.LoadInputs(net, inputs, row, ws.Layers[0], 0, count);
                    NetworkForward.Layers(net, knots, ws.Layers, ws.Output, 0, count, mode, firstBasisReady: false, _compute.Vectors, layerCount: layer + 1);
                    Array.Copy(ws.Layers[layer].X, 0, x, row * nIn, count * nIn);
                    Array.Copy(ws.Layers[layer].Spline, 0, spline, row * nIn * nSub, count * nIn * nSub);
                }

                _workspaces.Add(ws);
            });

            return (x, spline);
        }

        /// <summary>Workspaces are sized for the layers they were made for; layers are immutable in shape.</summary>
        private void DropWorkspacesOfOtherLayers(KanNetwork net)
        {
            bool same = _workspaceLayers.Length == net.LayerCount;
            for (int l = 0; same && l < net.LayerCount; l++)
            {
                same = ReferenceEquals(_workspaceLayers[l], net.Layers[l]);
            }

            if (same)
            {
                return;
            }

            _workspaces.Clear();
            _workspaceLayers = new NetworkLayer[net.LayerCount];
            for (int l = 0; l < net.LayerCount; l++)
            {
                _workspaceLayers[l] = net.Layers[l];
            }

            _x = new double[net.LayerCount][];
            _spline = new double[net.LayerCount][];
        }

        private static double[] Buffer(ref double[]? buffer, int length)
        {
            if (buffer is null || buffer.Length != length)
            {
                buffer = new double[length];
            }

            return buffer;
        }
    }
}
