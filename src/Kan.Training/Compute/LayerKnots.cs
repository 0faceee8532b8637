namespace Kan.Training.Compute
{
    /// <summary>
    /// What a pass derives once from a layer's knots before its rows: the knot-width reciprocals of
    /// <see cref="ReciprocalBasis"/> and, per input, whether some span has zero width. Rebuilt at the start of
    /// every pass, because grid updates change the knots between passes.
    /// </summary>
    internal sealed class LayerKnots
    {
        private LayerKnots(double[] reciprocals, bool[] zeroWidth)
        {
            Reciprocals = reciprocals;
            ZeroWidth = zeroWidth;
        }

        /// <summary>[in, k, KnotCount]: 1 / (t[idx+p] - t[idx]), 0 for a zero-width span.</summary>
        public double[] Reciprocals { get; }

        /// <summary>[in]: the input has a zero-width span (the basis takes the checked path).</summary>
        public bool[] ZeroWidth { get; }

        public static LayerKnots[] Build(KanNetwork net)
        {
            var result = new LayerKnots[net.LayerCount];
            for (int l = 0; l < result.Length; l++)
            {
                double[] table = ReciprocalBasis.Build(net.Layers[l], out bool[] zeroWidth);
                result[l] = new LayerKnots(table, zeroWidth);
            }

            return result;
        }
    }
}
