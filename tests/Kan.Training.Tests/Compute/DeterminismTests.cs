using System;
using Kan.Training;
using Kan.Training.Compute;

namespace Kan.Training.Tests.Compute
{
    public class DeterminismTests
    {
        [Fact]
        public void Parallel_chunks_give_bitwise_the_same_loss_and_gradient_as_one_thread()
        {
            KanNetwork net = RandomNetworks.Make(3, minK: 2);
            int rows = 5 * BatchPass.ChunkRows + 17; // several chunks, the last one partial
            var random = new Random(4);
            var inputs = new double[rows * net.CallerInputCount];
            for (int q = 0; q < inputs.Length; q++)
            {
                inputs[q] = random.NextDouble() * 2 - 1;
            }

            var labels = new double[rows * net.OutputCount];
            var objective = new TrainingObjective(net, symbolic: true, 0.1, new RegularizerWeights(1, 2, 0.1, 0.1));
            objective.SetBatch(inputs, labels, rows);
            var parameters = new ParameterSet(net, symbolic: true);

            double parallelLoss = objective.Evaluate(gradient: true);
            var parallelGrad = new double[parameters.Count];
            parameters.ReadGradient(objective.Gradients, parallelGrad);

            // Repeated parallel runs (different thread interleavings).
            for (int run = 0; run < 3; run++)
            {
                double again = objective.Evaluate(gradient: true);
                var grad = new double[parameters.Count];
                parameters.ReadGradient(objective.Gradients, grad);
                again.ShouldBe(parallelLoss);
                grad.ShouldBe(parallelGrad);
            }

            // And the single-thread path.
            bool old = BatchPass.Sequential;
            try
            {
                BatchPass.Sequential = true;
                objective.Evaluate(gradient: true).ShouldBe(parallelLoss);
                var grad = new double[parameters.Count];
                parameters.ReadGradient(objective.Gradients, grad);
                grad.ShouldBe(parallelGrad);
            }
            finally
            {
                BatchPass.Sequential = old;
            }
        }
    }
}
