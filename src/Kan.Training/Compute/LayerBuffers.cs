namespace Kan.Training.Compute
{
    /// <summary>
    /// Everything one layer's forward pass computes for a batch, kept so the backward pass, the regulariser and
    /// attribution reuse it instead of recomputing: per (sample, input) the knot span, the k+1 basis values and
    /// their derivatives, the base function and its derivative; per (sample, edge) the spline sum, the unmasked
    /// numeric activation and the masked symbolic activation; per (sample, subnode) the edge sum.
    /// </summary>
    internal sealed class LayerBuffers
    {
        public LayerBuffers(NetworkLayer layer, int rows)
        {
            Rows = rows;
            int ni = rows * layer.InputCount;
            int ne = ni * layer.SubnodeCount;
            X = new double[ni];
            Span = new int[ni];
            Basis = new double[ni * (layer.K + 1)];
            DBasis = new double[ni * (layer.K + 1)];
            Base = new double[ni];
            DBase = new double[ni];
            Spline = new double[ne];
            Numeric = new double[ne];
            Symbolic = new double[ne];
            Sum = new double[rows * layer.SubnodeCount];
            Z = new double[rows * layer.SubnodeCount];
        }

        public int Rows { get; }

        /// <summary>Layer inputs [rows, in] (pykan <c>acts[l]</c>).</summary>
        public double[] X { get; }

        public int[] Span { get; }

        public double[] Basis { get; }

        public double[] DBasis { get; }

        public double[] Base { get; }

        public double[] DBase { get; }

        /// <summary>Spline sum per edge [rows, in, sub] (pykan <c>postspline</c>).</summary>
        public double[] Spline { get; }

        /// <summary>Unmasked numeric activation <c>sb*b(x)+sp*spline</c> [rows, in, sub].</summary>
        public double[] Numeric { get; }

        /// <summary>Masked symbolic activation [rows, in, sub] (zero when symbolic is off).</summary>
        public double[] Symbolic { get; }

        /// <summary>Edge sum per subnode before the subnode affine [rows, sub].</summary>
        public double[] Sum { get; }

        /// <summary>Subnode value after the subnode affine [rows, sub].</summary>
        public double[] Z { get; }
    }
}
