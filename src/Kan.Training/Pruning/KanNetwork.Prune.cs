using System;
using System.Collections.Generic;
using System.Linq;

namespace Kan.Training
{
    public sealed partial class KanNetwork
    {
        /// <summary>
        /// pykan <c>prune(node_th, edge_th)</c>: <see cref="PruneNodes(double[,], double)"/>, then <see cref="PruneEdges(double[,], double)"/> on the
        /// smaller network, scores computed on <paramref name="inputs"/> (caller columns; normally the training inputs).
        /// </summary>
        public KanNetwork Prune(double[,] inputs, double nodeThreshold = 1e-2, double edgeThreshold = 3e-2) =>
            PruneNodes(inputs, nodeThreshold).PruneEdges(inputs, edgeThreshold);

        /// <inheritdoc cref="Prune(double[,], double, double)"/>
        public KanNetwork Prune(Dataset dataset, double nodeThreshold = 1e-2, double edgeThreshold = 3e-2) =>
            Prune(dataset.TrainInputs, nodeThreshold, edgeThreshold);

        /// <summary>
        /// pykan <c>prune_node</c>: keeps the hidden nodes whose attribution score exceeds <paramref name="threshold"/>
        /// (a kept mult node keeps all its operands) and returns the smaller network; kept edges keep their functions.
        /// </summary>
        public KanNetwork PruneNodes(double[,] inputs, double threshold = 1e-2)
        {
            AttributionScores scores = Attribute(inputs);
            int depth = LayerCount;
            // Kept nodes per node layer 0..depth: inputs and outputs are always kept.
            var keptNodes = new int[depth + 1][];
            keptNodes[0] = Enumerable.Range(0, InputWidth).ToArray();
            keptNodes[depth] = Enumerable.Range(0, OutputCount).ToArray();
            for (int l = 1; l < depth; l++)
            {
                keptNodes[l] = Enumerable.Range(0, _layers[l - 1].OutputCount).Where(n => scores.Nodes[l][n] > threshold).ToArray();
            }

            var layers = new List<NetworkLayer>();
            for (int l = 0; l < depth; l++)
            {
                layers.Add(_layers[l].Subset(keptNodes[l], keptNodes[l + 1]));
            }

            return WithLayers(layers, (int[])InputIds.Clone());
        }

        /// <summary>pykan <c>prune_node</c> scored on the training inputs.</summary>
        public KanNetwork PruneNodes(Dataset dataset, double threshold = 1e-2) => PruneNodes(dataset.TrainInputs, threshold);

        /// <summary>pykan <c>prune_edge</c> scored on the training inputs.</summary>
        public KanNetwork PruneEdges(Dataset dataset, double threshold = 3e-2) => PruneEdges(dataset.TrainInputs, threshold);

        /// <summary>pykan <c>prune_input</c> scored on the training inputs.</summary>
        public KanNetwork PruneInputs(Dataset dataset, double threshold = 1e-2) => PruneInputs(dataset.TrainInputs, threshold);

        /// <summary>
        /// pykan <c>prune_edge</c>: a copy whose numeric masks are off wherever the edge score is at most
        /// <paramref name="threshold"/> (masks already off stay off).
        /// </summary>
        public KanNetwork PruneEdges(double[,] inputs, double threshold = 3e-2)
        {
            AttributionScores scores = Attribute(inputs);
            KanNetwork copy = Clone();
            for (int l = 0; l < LayerCount; l++)
            {
                double[] mask = copy._layers[l].Arrays.Mask;
                for (int e = 0; e < mask.Length; e++)
                {
                    mask[e] = scores.Edges[l][e] > threshold ? mask[e] : 0.0;
                }
            }

            return copy;
        }

        /// <summary>
        /// pykan <c>prune_input</c>: keeps the inputs whose score exceeds <paramref name="threshold"/>; the result
        /// still reads the caller's columns (its <see cref="InputIds"/> name the kept ones).
        /// </summary>
        public KanNetwork PruneInputs(double[,] inputs, double threshold = 1e-2)
        {
            AttributionScores scores = Attribute(inputs);
            int[] kept = Enumerable.Range(0, InputWidth).Where(i => scores.Inputs[i] > threshold).ToArray();
            return KeepInputs(kept);
        }

        /// <summary>pykan <c>prune_input(active_inputs=...)</c>: keeps the given first-layer inputs.</summary>
        public KanNetwork KeepInputs(int[] kept)
        {
            if (kept.Length == 0)
            {
                throw new InvalidOperationException("Pruning would remove every input.");
            }

            var layers = _layers.Select(l => l.Clone()).ToList();
            layers[0] = _layers[0].Subset(kept, Enumerable.Range(0, _layers[0].OutputCount).ToArray());
            return WithLayers(layers, kept.Select(i => InputIds[i]).ToArray());
        }
    }
}
