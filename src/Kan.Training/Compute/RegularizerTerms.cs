using System.Runtime.CompilerServices;
namespace Kan.Training.Compute
{
    /// <summary>
    /// The regulariser's gradient with respect to each sample's layer inputs and masked numeric edge
    /// activations, in the form <c>factor * (value - batch mean)</c>: the std-based terms are linear in each
    /// sample's deviation, so the batch reduces to one factor and one mean per input and per edge
    /// (<see cref="Regularizer.Evaluate"/> fills them) and any chunk of rows can be written on its own.
    /// </summary>
    internal sealed class RegularizerTerms
    {
        public RegularizerTerms(KanNetwork net)
        {
            int layers = net.LayerCount;
            InputFactor = new double[layers][];
            EdgeFactor = new double[layers][];
            MeanX = new double[layers][];
            MeanY = new double[layers][];
            for (int l = 0; l < layers; l++)
            {
                NetworkLayer layer = net.Layers[l];
                InputFactor[l] = new double[layer.InputCount];
                MeanX[l] = new double[layer.InputCount];
                EdgeFactor[l] = new double[layer.InputCount * layer.SubnodeCount];
                MeanY[l] = new double[layer.InputCount * layer.SubnodeCount];
            }
        }

        public double[][] InputFactor { get; }

        public double[][] EdgeFactor { get; }

        public double[][] MeanX { get; }

        public double[][] MeanY { get; }

        /// <summary>
        /// Writes the terms for rows [from, to) of a forward pass that kept its activations into
        /// <paramref name="extraEdge"/>[l] ([rows, in, sub]) and <paramref name="extraInput"/>[l] ([rows, in]).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Write(KanNetwork net, LayerBuffers[] layers, int from, int to, double[][] extraEdge, double[][] extraInput)
        {
            for (int l = 0; l < layers.Length; l++)
            {
                NetworkLayer layer = net.Layers[l];
                LayerBuffers buf = layers[l];
                int nIn = layer.InputCount, nSub = layer.SubnodeCount;
                double[] exE = extraEdge[l], exX = extraInput[l], mask = layer.Arrays.Mask;
                double[] fx = InputFactor[l], fy = EdgeFactor[l], mx = MeanX[l], my = MeanY[l];
                for (int b = from; b < to; b++)
                {
                    for (int i = 0; i < nIn; i++)
                    {
                        int xi = b * nIn + i;
                        exX[xi] = fx[i] * (buf.X[xi] - mx[i]);
                        for (int j = 0; j < nSub; j++)
                        {
                            int e = i * nSub + j;
                            int be = xi * nSub + j;
                            exE[be] = fy[e] * (mask[e] * buf.Numeric[be] - my[e]);
                        }
                    }
                }
            }
        }
    }
}
