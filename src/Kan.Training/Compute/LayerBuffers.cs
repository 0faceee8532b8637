using System.Diagnostics.CodeAnalysis;

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
        private readonly InputArrays _own;

        public LayerBuffers(NetworkLayer layer, int rows)
        {
            Rows = rows;
            int ni = rows * layer.InputCount;
            int ne = ni * layer.SubnodeCount;
            X = new double[ni];
            _own = new InputArrays(layer, rows);
            Use(_own);
            Spline = new double[ne];
            Numeric = new double[ne];
            Symbolic = new double[ne];
            Sum = new double[rows * layer.SubnodeCount];
            Z = new double[rows * layer.SubnodeCount];
        }

        public int Rows { get; }

        /// <summary>Layer inputs [rows, in] (pykan <c>acts[l]</c>).</summary>
        public double[] X { get; }

        /// <summary>Knot span per input [in, rows] (<see cref="InputArrays.Span"/>).</summary>
        public int[] Span { get; private set; }

        /// <summary>The k+1 non-zero basis values [rows, in, k+1].</summary>
        public double[] Basis { get; private set; }

        /// <summary>Their derivatives [rows, in, k+1].</summary>
        public double[] DBasis { get; private set; }

        /// <summary>Base function b(x) per input [in, rows].</summary>
        public double[] Base { get; private set; }

        /// <summary>b'(x) per input [in, rows].</summary>
        public double[] DBase { get; private set; }

        /// <summary>
        /// Reads and writes the per-input arrays of <paramref name="inputs"/> (same rows and layer) from now on:
        /// a chunk whose first-layer basis is cached points at the cache's chunk instead of copying it.
        /// </summary>
        [MemberNotNull(nameof(Span), nameof(Basis), nameof(DBasis), nameof(Base), nameof(DBase))]
        public void Use(InputArrays inputs)
        {
            Span = inputs.Span;
            Basis = inputs.Basis;
            DBasis = inputs.DBasis;
            Base = inputs.Base;
            DBase = inputs.DBase;
        }

        /// <summary>Back to this buffer's own per-input arrays.</summary>
        public void UseOwn() => Use(_own);

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
