using System.Runtime.CompilerServices;
namespace Kan.Training.Compute
{
    /// <summary>
    /// The whole network forward on rows of a set of layer buffers: the caller's columns are normalised and
    /// selected into the first layer's inputs, then each layer feeds the next layer's inputs and the last one
    /// <c>output</c>.
    /// </summary>
    internal static class NetworkForward
    {
        /// <summary>
        /// Writes rows [<paramref name="sourceRow"/>, + count) of the caller's inputs (rows x caller columns) into
        /// rows [<paramref name="from"/>, + count) of the first layer's inputs (pykan's input normalisation and
        /// <c>input_id</c> selection).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void LoadInputs(KanNetwork net, double[] inputs, int sourceRow, LayerBuffers first, int from, int count)
        {
            int cols = net.CallerInputCount;
            int n0 = net.Layers[0].InputCount;
            double[]? scale = net.InputScale, bias = net.InputBias;
            for (int r = 0; r < count; r++)
            {
                int src = (sourceRow + r) * cols;
                int dst = (from + r) * n0;
                for (int i = 0; i < n0; i++)
                {
                    int c = net.InputColumn(i);
                    double x = inputs[src + c];
                    first.X[dst + i] = scale is null ? x : scale[c] * x + bias![c];
                }
            }
        }

        /// <summary>
        /// Layers 0 .. <paramref name="layerCount"/>-1 (all by default) on rows [from, to), the first layer's inputs
        /// already loaded.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Layers(KanNetwork net, LayerKnots[] knots, LayerBuffers[] layers, double[] output, int from, int to, ForwardMode mode, bool firstBasisReady, bool vectors, int layerCount = -1)
        {
            int count = layerCount < 0 ? layers.Length : layerCount;
            for (int l = 0; l < count; l++)
            {
                double[] next = l + 1 < layers.Length ? layers[l + 1].X : output;
                LayerForward.Run(net.Layers[l], knots[l], layers[l], next, from, to, mode, l == 0 && firstBasisReady, vectors);
            }
        }
    }
}
