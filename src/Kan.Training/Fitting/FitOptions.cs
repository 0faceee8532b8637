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
        /// Threads the loss and gradient may use: -1 (the default) for all cores, 1 for the calling thread only.
        /// Results are bitwise the same for every value (the batch is cut into row segments by its size alone).
        /// </summary>
        public int MaxDegreeOfParallelism { get; set; } = -1;
    }
}
