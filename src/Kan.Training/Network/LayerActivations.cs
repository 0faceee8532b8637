namespace Kan.Training
{
    /// <summary>One layer's activations on a batch (pykan <c>acts[l]</c> and <c>spline_postacts[l]</c>, freshly computed).</summary>
    public sealed class LayerActivations
    {
        public LayerActivations(double[,] inputs, double[,,] numeric, double[,,] symbolic)
        {
            Inputs = inputs;
            Numeric = numeric;
            Symbolic = symbolic;
        }

        /// <summary>Layer inputs [sample, i].</summary>
        public double[,] Inputs { get; }

        /// <summary>Numeric branch <c>sb*b(x)+sp*spline(x)</c> before the numeric mask, [sample, i, j].</summary>
        public double[,,] Numeric { get; }

        /// <summary>Symbolic branch after its mask, [sample, i, j] (zero when no edge is symbolic).</summary>
        public double[,,] Symbolic { get; }
    }
}
