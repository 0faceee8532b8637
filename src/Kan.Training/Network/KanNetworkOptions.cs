namespace Kan.Training
{
    /// <summary>
    /// Construction options with pykan <c>MultKAN.__init__</c>'s defaults (grid=3, k=3, noise_scale=0.3,
    /// scale_base_mu=0, scale_base_sigma=1, base 'silu', grid_eps=0.02, grid_range=[-1,1], affine_trainable=False,
    /// sp/sb trainable, seed=1).
    /// </summary>
    public sealed class KanNetworkOptions
    {
        /// <summary>Grid intervals G per input.</summary>
        public int Grid { get; set; } = 3;

        /// <summary>Spline order.</summary>
        public int K { get; set; } = 3;

        /// <summary>Multiplication-node arity (pykan <c>mult_arity</c> as an int); see <see cref="MultArities"/> for per-node arities.</summary>
        public int MultArity { get; set; } = 2;

        /// <summary>Optional per-layer, per-mult-node arities (pykan's list form), indexed like widths; overrides <see cref="MultArity"/>.</summary>
        public int[][]? MultArities { get; set; }

        public double NoiseScale { get; set; } = 0.3;

        public double ScaleBaseMu { get; set; }

        public double ScaleBaseSigma { get; set; } = 1.0;

        public BaseFunction BaseFunction { get; set; } = BaseFunction.Silu;

        /// <summary>Blend of uniform (1) and sample-percentile (0) grids in grid updates.</summary>
        public double GridEps { get; set; } = 0.02;

        public double GridMin { get; set; } = -1.0;

        public double GridMax { get; set; } = 1.0;

        /// <summary>pykan <c>affine_trainable</c>: node and subnode scale/bias are trained.</summary>
        public bool AffineTrainable { get; set; }

        /// <summary>pykan <c>sb_trainable</c>.</summary>
        public bool ScaleBaseTrainable { get; set; } = true;

        /// <summary>pykan <c>sp_trainable</c>.</summary>
        public bool ScaleSplineTrainable { get; set; } = true;

        /// <summary>
        /// Seed of the <see cref="System.Random"/> that initialises the network (spline noise and scale_base).
        /// Batch sampling during training is seeded by <see cref="FitOptions.Seed"/>.
        /// </summary>
        public int Seed { get; set; } = 1;

        internal KanNetworkOptions Clone() => (KanNetworkOptions)MemberwiseClone();
    }
}
