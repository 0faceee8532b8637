namespace Kan.Training.Compute
{
    /// <summary>What a forward pass computes beyond the outputs.</summary>
    internal readonly struct ForwardMode
    {
        public ForwardMode(bool derivatives, bool symbolic, bool keepActivations, double? yTh = null)
        {
            YTh = yTh;
            Derivatives = derivatives;
            Symbolic = symbolic;
            KeepActivations = keepActivations;
        }

        /// <summary>Basis and base-function derivatives, for a backward pass.</summary>
        public bool Derivatives { get; }

        /// <summary>The symbolic branch is evaluated (pykan <c>symbolic_enabled</c> after <c>disable_symbolic_in_fit</c>).</summary>
        public bool Symbolic { get; }

        /// <summary>
        /// pykan's <c>y_th</c> when the symbolic edges compute the singularity-safe variants
        /// (<c>singularity_avoiding=True</c>, <see cref="Symbolic.SingularitySafe"/>); null for the plain functions.
        /// </summary>
        public double? YTh { get; }

        /// <summary>
        /// Keep every edge's numeric and symbolic activation (<see cref="LayerBuffers.Numeric"/>,
        /// <see cref="LayerBuffers.Symbolic"/>) for the regulariser, attribution and activations; the spline sums
        /// are always kept.
        /// </summary>
        public bool KeepActivations { get; }
    }
}
