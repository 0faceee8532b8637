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
            int rows = 5 * RowChunks.ChunkRows + 17; // several chunks, the last one partial
            var random = new Random(4);
            var inputs = new double[rows * net.CallerInputCount];
            for (int q = 0; q < inputs.Length; q++)
            {
                inputs[q] = random.NextDouble() * 2 - 1;
            }

            var labels = new double[rows * net.OutputCount];
            var weights = new RegularizerWeights(1, 2, 0.1, 0.1);
            // Threshold 0 forces the parallel path for this small network.
            var objective = new TrainingObjective(net, symbolic: true, 0.1, weights, new ComputeOptions(-1, parallelWorkThreshold: 0));
            objective.SetBatch(inputs, labels, rows);
            var sequential = new TrainingObjective(net, symbolic: true, 0.1, weights, new ComputeOptions(1));
            sequential.SetBatch(inputs, labels, rows);
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
            sequential.Evaluate(gradient: true).ShouldBe(parallelLoss);
            var sequentialGrad = new double[parameters.Count];
            parameters.ReadGradient(sequential.Gradients, sequentialGrad);
            sequentialGrad.ShouldBe(parallelGrad);
        }

        [Fact]
        public void Reused_first_layer_basis_follows_grid_updates_and_new_rows()
        {
            Dataset data = ToyData.Make(300, 10);
            KanNetwork net = KanNetwork.Create(new[] { 2, 3, 1 });
            double[] x = KanNetwork.Flatten(data.TrainInputs), y = KanNetwork.Flatten(data.TrainLabels);
            var cached = new TrainingObjective(net, false, 0.0, new RegularizerWeights(1, 2, 0, 0));
            cached.SetBatch(x, y, 300);
            cached.Evaluate(gradient: true);
            cached.Evaluate(gradient: true); // second call reuses the first layer
            net.UpdateGrid(data.TrainInputs);
            double afterUpdate = cached.Evaluate(gradient: true);
            var fresh = new TrainingObjective(net, false, 0.0, new RegularizerWeights(1, 2, 0, 0));
            fresh.SetBatch(x, y, 300);
            afterUpdate.ShouldBe(fresh.Evaluate(gradient: true));

            // Other rows of the same length are not mistaken for the cached ones.
            var shifted = (double[])x.Clone();
            for (int q = 0; q < shifted.Length; q++)
            {
                shifted[q] *= 0.5;
            }

            cached.SetBatch(shifted, y, 300);
            var fresh2 = new TrainingObjective(net, false, 0.0, new RegularizerWeights(1, 2, 0, 0));
            fresh2.SetBatch(shifted, y, 300);
            cached.Evaluate(gradient: true).ShouldBe(fresh2.Evaluate(gradient: true));
        }
    }
}
