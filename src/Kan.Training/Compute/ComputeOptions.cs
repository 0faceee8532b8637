namespace Kan.Training.Compute
{
    /// <summary>
    /// How a pass schedules its row chunks. The results are bitwise the same for every thread count: rows are cut
    /// into segments fixed by the row count alone, and segment results are reduced in segment order, so the thread
    /// settings only trade threads for wall time. <see cref="Vectors"/> chooses between SIMD kernels and their
    /// scalar fallback, which give the same bits (each lane does the scalar code's operations; VectorKernelTests).
    /// </summary>
    internal readonly struct ComputeOptions
    {
        /// <summary>
        /// Below this much work per pass (rows x (edges + basis values)) the segments run on the calling thread, where
        /// the thread hand-off would cost more than it saves (a few hundred rows of a [2,5,1] network).
        /// </summary>
        public const long DefaultParallelWorkThreshold = 20_000;

        public ComputeOptions(int maxDegreeOfParallelism, long parallelWorkThreshold = DefaultParallelWorkThreshold, bool vectors = true)
        {
            MaxDegreeOfParallelism = maxDegreeOfParallelism;
            ParallelWorkThreshold = parallelWorkThreshold;
            Vectors = vectors;
        }

        /// <summary>All cores, small passes on the calling thread.</summary>
        public static ComputeOptions Default => new ComputeOptions(-1);

        /// <summary>Threads a pass may use: -1 for all cores, 1 for the calling thread only.</summary>
        public int MaxDegreeOfParallelism { get; }

        public long ParallelWorkThreshold { get; }

        /// <summary>
        /// Use the kernels that run across rows in SIMD vectors where the hardware has them (false: the scalar
        /// fallback everywhere, which the tests hold to the vector results).
        /// </summary>
        public bool Vectors { get; }
    }
}
