namespace Kan.Training
{
    /// <summary>pykan <c>MultKAN.fit</c>'s arguments and defaults (reg_metric is 'edge_forward_spline_n', loss is MSE).</summary>
    public sealed class FitOptions
    {
        public Optimizer Optimizer { get; set; } = Optimizer.Lbfgs;

        public int Steps { get; set; } = 100;

        public double LearningRate { get; set; } = 1.0;

        /// <summary>Rows per step; -1 (or more than the rows) is the full batch.</summary>
        public int Batch { get; set; } = -1;

        public double Lamb { get; set; }

        public double LambL1 { get; set; } = 1.0;

        public double LambEntropy { get; set; } = 2.0;

        public double LambCoef { get; set; }

        public double LambCoefDiff { get; set; }

        public bool UpdateGrid { get; set; } = true;

        public int GridUpdateNum { get; set; } = 10;

        public int StartGridUpdateStep { get; set; } = -1;

        public int StopGridUpdateStep { get; set; } = 50;

        /// <summary>Seed of the batch sampling (pykan's np.random.choice).</summary>
        public int Seed { get; set; } = 1;

        /// <summary>
        /// pykan's <c>singularity_avoiding</c>: the symbolic edges compute pykan's singularity-safe variants
        /// (<c>f_inv</c>, <c>f_log</c>, <c>f_sqrt</c>, ...; <see cref="Symbolic.SingularitySafe"/>) with threshold
        /// <see cref="YTh"/> instead of the plain functions, so a snapped <c>1/x</c>, <c>log</c> or <c>sqrt</c> whose
        /// argument reaches the pole or leaves the domain stays finite. Only the fit uses them; the model keeps the
        /// plain functions.
        /// </summary>
        public bool SingularityAvoiding { get; set; }

        /// <summary>pykan's <c>y_th</c>, the singularity threshold of <see cref="SingularityAvoiding"/>: a positive finite number (pykan fit's default 1000).</summary>
        public double YTh { get; set; } = 1000.0;

        /// <summary>
        /// Threads the loss and gradient and the grid updates' sample passes may use: -1 (the default) for all cores,
        /// 1 for the calling thread only.
        /// Results are bitwise the same for every value (the batch is cut into row segments by its size alone).
        /// </summary>
        public int MaxDegreeOfParallelism { get; set; } = -1;

        /// <summary>A copy to change without touching these options (every setting is a value).</summary>
        public FitOptions Clone() => (FitOptions)MemberwiseClone();
    }
}
