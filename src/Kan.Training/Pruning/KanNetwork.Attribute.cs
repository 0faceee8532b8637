using System;
using Kan.Training.Compute;

namespace Kan.Training
{
    public sealed partial class KanNetwork
    {
        private const double SubnodeScaleOffset = 1e-4;

        /// <summary>
        /// pykan <c>attribute()</c> on <paramref name="inputs"/> (caller columns; normally the training inputs):
        /// starting from the identity on the outputs, scores flow backwards — node to subnodes (a mult node's score
        /// goes to each operand), subnode to edge as <c>std(edge activation) * score / (std(subnode sum) + 1e-4)</c>,
        /// edge to input node by summing; then each is averaged over the output nodes.
        /// </summary>
        public AttributionScores Attribute(double[,] inputs)
        {
            int rows = inputs.GetLength(0);
            var pass = new BatchPass(this, rows);
            pass.Forward(Flatten(inputs), SymbolicActive, derivatives: false);
            int depth = LayerCount;
            int outDim = OutputCount;

            // node score [query k, node]
            var nodeAll = new double[depth + 1][,];
            var edgeAll = new double[depth][,];
            var subAll = new double[depth][,];
            var score = new double[outDim, outDim];
            for (int q = 0; q < outDim; q++)
            {
                score[q, q] = 1.0;
            }

            nodeAll[depth] = score;
            for (int l = depth - 1; l >= 0; l--)
            {
                NetworkLayer layer = _layers[l];
                LayerBuffers buf = pass.Layers[l];
                int nIn = layer.InputCount, nSub = layer.SubnodeCount;
                var sub = new double[outDim, nSub];
                for (int q = 0; q < outDim; q++)
                {
                    for (int j = 0; j < nSub; j++)
                    {
                        sub[q, j] = score[q, layer.Topology.NodeOf(j)];
                    }
                }

                subAll[l] = sub;
                double[] edgeStd = EdgeActivationStd(layer, buf, rows);
                var subStd = new double[nSub];
                for (int j = 0; j < nSub; j++)
                {
                    subStd[j] = Std(buf.Sum, j, nSub, rows);
                }

                var edge = new double[outDim, nIn * nSub];
                var next = new double[outDim, nIn];
                for (int q = 0; q < outDim; q++)
                {
                    for (int i = 0; i < nIn; i++)
                    {
                        for (int j = 0; j < nSub; j++)
                        {
                            int e = i * nSub + j;
                            double v = edgeStd[e] * sub[q, j] * (1.0 / (subStd[j] + SubnodeScaleOffset));
                            edge[q, e] = v;
                            next[q, i] += v;
                        }
                    }
                }

                edgeAll[l] = edge;
                nodeAll[l] = next;
                score = next;
            }

            var nodes = new double[depth + 1][];
            for (int l = 0; l <= depth; l++)
            {
                nodes[l] = MeanOverQueries(nodeAll[l]);
            }

            var edges = new double[depth][];
            var subs = new double[depth][];
            for (int l = 0; l < depth; l++)
            {
                edges[l] = MeanOverQueries(edgeAll[l]);
                subs[l] = MeanOverQueries(subAll[l]);
            }

            return new AttributionScores(nodes, edges, subs);
        }

        /// <summary>pykan <c>attribute()</c> on the training inputs.</summary>
        public AttributionScores Attribute(Dataset dataset) => Attribute(dataset.TrainInputs);

        /// <summary>pykan <c>edge_actscale</c>: std over the batch of each edge's whole (masked numeric + symbolic) activation.</summary>
        private static double[] EdgeActivationStd(NetworkLayer layer, LayerBuffers buf, int rows)
        {
            int edges = layer.InputCount * layer.SubnodeCount;
            var values = new double[rows * edges];
            for (int b = 0; b < rows; b++)
            {
                for (int e = 0; e < edges; e++)
                {
                    int be = b * edges + e;
                    values[be] = layer.Mask[e] * buf.Numeric[be] + buf.Symbolic[be];
                }
            }

            var std = new double[edges];
            for (int e = 0; e < edges; e++)
            {
                std[e] = Std(values, e, edges, rows);
            }

            return std;
        }

        /// <summary>Unbiased std (torch.std) of column <paramref name="column"/> of a row-major [rows, stride] array.</summary>
        internal static double Std(double[] data, int column, int stride, int rows)
        {
            double mean = 0;
            for (int b = 0; b < rows; b++)
            {
                mean += data[b * stride + column];
            }

            mean /= rows;
            double q = 0;
            for (int b = 0; b < rows; b++)
            {
                double d = data[b * stride + column] - mean;
                q += d * d;
            }

            return Math.Sqrt(q / (rows - 1));
        }

        private static double[] MeanOverQueries(double[,] m)
        {
            int queries = m.GetLength(0), n = m.GetLength(1);
            var mean = new double[n];
            for (int c = 0; c < n; c++)
            {
                double s = 0;
                for (int q = 0; q < queries; q++)
                {
                    s += m[q, c];
                }

                mean[c] = s / queries;
            }

            return mean;
        }
    }
}
