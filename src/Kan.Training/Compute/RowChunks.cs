using System;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;

namespace Kan.Training.Compute
{
    /// <summary>
    /// The partition of a batch that every pass uses: fixed-size chunks of <see cref="ChunkRows"/> rows (the unit
    /// of work buffers), grouped into at most <see cref="MaxSegments"/> contiguous segments (the unit of
    /// parallelism and of reduction). It depends only on the row count, never on the thread count, so a
    /// reduction over segments in segment order gives the same bits on one core or many.
    /// </summary>
    internal readonly struct RowChunks
    {
        /// <summary>Rows per chunk: a chunk's buffers stay in the core's cache.</summary>
        public const int ChunkRows = 128;

        public const int MaxSegments = 16;

        public RowChunks(int rows)
        {
            Rows = rows;
            ChunkCount = (rows + ChunkRows - 1) / ChunkRows;
            SegmentCount = Math.Min(ChunkCount, MaxSegments);
        }

        public int Rows { get; }

        public int ChunkCount { get; }

        public int SegmentCount { get; }

        /// <summary>First row of chunk <paramref name="c"/>.</summary>
        public int Start(int c) => c * ChunkRows;

        /// <summary>Rows in chunk <paramref name="c"/> (the last one may be partial).</summary>
        public int Length(int c) => Math.Min(Rows, (c + 1) * ChunkRows) - c * ChunkRows;

        /// <summary>Chunks [First, End) of segment <paramref name="s"/>: as equal as the chunk count allows.</summary>
        public (int First, int End) Segment(int s) => ((int)((long)ChunkCount * s / SegmentCount), (int)((long)ChunkCount * (s + 1) / SegmentCount));

        /// <summary>
        /// Runs <paramref name="body"/> once per segment, in parallel when the pass is big enough
        /// (<paramref name="workPerRow"/> x rows at least <see cref="ComputeOptions.ParallelWorkThreshold"/>): on
        /// <see cref="SegmentWorkers"/>, or through <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/>
        /// while another pass has them. A segment's exception is rethrown as it is.
        /// </summary>
        public void ForEachSegment(ComputeOptions options, long workPerRow, Action<int> body)
        {
            if (options.MaxDegreeOfParallelism == 1 || SegmentCount <= 1 || workPerRow * Rows < options.ParallelWorkThreshold)
            {
                for (int s = 0; s < SegmentCount; s++)
                {
                    body(s);
                }
            }
            else if (SegmentWorkers.Shared?.TryRun(SegmentCount, options.MaxDegreeOfParallelism, body) != true)
            {
                try
                {
                    Parallel.For(0, SegmentCount, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism }, body);
                }
                catch (AggregateException e)
                {
                    // The same exception as on the workers' path, which rethrows a segment's own.
                    ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
                }
            }
        }

        /// <summary>Work per row of a pass over <paramref name="net"/>: edges plus basis values, summed over layers.</summary>
        public static long WorkPerRow(KanNetwork net)
        {
            long work = 0;
            // Indexed: a foreach over the IReadOnlyList would allocate an enumerator every pass.
            for (int l = 0; l < net.LayerCount; l++)
            {
                NetworkLayer layer = net.Layers[l];
                work += (long)layer.InputCount * (layer.SubnodeCount + layer.K + 1);
            }

            return work;
        }
    }
}
