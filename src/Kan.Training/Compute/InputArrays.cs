namespace Kan.Training.Compute
{
    /// <summary>
    /// What a layer computes once per (sample, input) for <see cref="Rows"/> rows, in <see cref="LayerBuffers"/>'
    /// layouts: the knot span, the k+1 basis values and their derivatives, the base function and its derivative.
    /// Kept apart from the rest of the buffers so that a chunk can point its first layer at a cached set
    /// (<see cref="FirstLayerBasisCache"/>) instead of copying it.
    /// </summary>
    internal sealed class InputArrays
    {
        public InputArrays(NetworkLayer layer, int rows)
        {
            int ni = rows * layer.InputCount;
            Rows = rows;
            Span = new int[ni];
            Basis = new double[ni * (layer.K + 1)];
            DBasis = new double[ni * (layer.K + 1)];
            Base = new double[ni];
            DBase = new double[ni];
        }

        public int Rows { get; }

        /// <summary>These arrays have the shape <paramref name="layer"/>'s inputs need for <paramref name="rows"/> rows.</summary>
        public bool Holds(NetworkLayer layer, int rows) =>
            Rows == rows && Span.Length == rows * layer.InputCount && Basis.Length == Span.Length * (layer.K + 1);

        /// <summary>Knot span per input [in, rows] (input-major, so a kernel can run across rows), -1 outside the grid.</summary>
        public int[] Span { get; }

        /// <summary>The k+1 non-zero basis values [rows, in, k+1].</summary>
        public double[] Basis { get; }

        /// <summary>Their derivatives [rows, in, k+1].</summary>
        public double[] DBasis { get; }

        /// <summary>Base function b(x) per input [in, rows].</summary>
        public double[] Base { get; }

        /// <summary>b'(x) per input [in, rows].</summary>
        public double[] DBase { get; }
    }
}
