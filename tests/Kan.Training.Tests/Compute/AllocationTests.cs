using System;
using Kan.Training;
using Kan.Training.Compute;

namespace Kan.Training.Tests.Compute
{
    /// <summary>The training passes allocate nothing once warm: an LBFGS step repeats them up to 25 times.</summary>
    public class AllocationTests
    {
        [Fact]
        public void A_warm_evaluation_on_one_thread_allocates_nothing()
        {
            for (int seed = 0; seed < 12; seed++)
            {
                KanNetwork net = RandomNetworks.Make(seed);
                int rows = 2 * RowChunks.ChunkRows + 7;
                double[,] grid = RandomNetworks.Inputs(net, rows, seed);
                var inputs = new double[rows * net.CallerInputCount];
                for (int r = 0; r < rows; r++)
                {
                    for (int c = 0; c < net.CallerInputCount; c++)
                    {
                        inputs[r * net.CallerInputCount + c] = grid[r, c];
                    }
                }

                var labels = new double[rows * net.OutputCount];
                // As a plain fit runs, and with symbolic edges and the regulariser.
                bool full = seed % 2 == 1;
                var objective = new TrainingObjective(net, symbolic: full, full ? 0.1 : 0.0, new RegularizerWeights(1, 2, 0.1, 0.1), new ComputeOptions(1));
                objective.SetBatch(inputs, labels, rows);
                for (int warm = 0; warm < 3; warm++)
                {
                    objective.Evaluate(gradient: true);
                    objective.Evaluate(gradient: false);
                }

                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int q = 0; q < 5; q++)
                {
                    objective.Evaluate(gradient: true);
                    objective.Evaluate(gradient: false);
                }

                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                allocated.ShouldBe(0L, $"seed {seed}, symbolic and regulariser {full}");
            }
        }
    }
}
