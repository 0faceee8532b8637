using System;
using Kan.Training;
using Kan.Training.Compute;

namespace Kan.Training.Tests.Compute
{
    /// <summary>The SIMD kernels (ComputeOptions.Vectors) against their scalar fallback: the same bits.</summary>
    public class VectorKernelTests
    {
        [Fact]
        public void Vector_and_scalar_kernels_give_bitwise_the_same_loss_gradient_and_activations()
        {
            for (int seed = 0; seed < 40; seed++)
            {
                KanNetwork net = RandomNetworks.Make(seed);
                // Several chunks, the last one partial and not a multiple of the vector width; inputs inside and
                // outside the grid, on knots, and large enough that silu's exp overflows.
                int rows = 2 * RowChunks.ChunkRows + 7;
                double[,] grid = RandomNetworks.Inputs(net, rows, seed);
                var inputs = new double[rows * net.CallerInputCount];
                var random = new Random(seed);
                for (int r = 0; r < rows; r++)
                {
                    for (int c = 0; c < net.CallerInputCount; c++)
                    {
                        inputs[r * net.CallerInputCount + c] = random.Next(20) == 0 ? (random.NextDouble() - 0.5) * 2000 : grid[r, c];
                    }
                }

                var labels = new double[rows * net.OutputCount];
                for (int q = 0; q < labels.Length; q++)
                {
                    labels[q] = random.NextDouble();
                }

                var weights = new RegularizerWeights(1, 2, 0.1, 0.1);
                // With symbolic edges and the regulariser, and as a plain fit runs (pykan turns both off when there is
                // nothing for them to do): the passes keep activations and call the symbolic terms only in the first.
                bool symbolic = seed % 2 == 0;
                double lamb = symbolic ? 0.1 : 0.0;
                var parameters = new ParameterSet(net, symbolic: symbolic);
                (double Loss, double[] Gradient) Evaluate(bool vectors)
                {
                    var objective = new TrainingObjective(net, symbolic: symbolic, lamb, weights, new ComputeOptions(1, vectors: vectors));
                    objective.SetBatch(inputs, labels, rows);
                    double loss = objective.Evaluate(gradient: true);
                    var gradient = new double[parameters.Count];
                    parameters.ReadGradient(objective.Gradients, gradient);
                    return (loss, gradient);
                }

                (double vectorLoss, double[] vectorGradient) = Evaluate(vectors: true);
                (double scalarLoss, double[] scalarGradient) = Evaluate(vectors: false);
                vectorLoss.ShouldBe(scalarLoss, $"seed {seed}");
                vectorGradient.ShouldBe(scalarGradient, $"seed {seed}");

                var vectorPass = new BatchPass(net, rows, new ComputeOptions(1, vectors: true));
                var scalarPass = new BatchPass(net, rows, new ComputeOptions(1, vectors: false));
                vectorPass.Forward(inputs, symbolicEnabled: true, derivatives: true);
                scalarPass.Forward(inputs, symbolicEnabled: true, derivatives: true);
                vectorPass.Output.ShouldBe(scalarPass.Output, $"seed {seed}");
                for (int l = 0; l < net.LayerCount; l++)
                {
                    vectorPass.Layers[l].Base.ShouldBe(scalarPass.Layers[l].Base, $"seed {seed} layer {l}");
                    vectorPass.Layers[l].DBase.ShouldBe(scalarPass.Layers[l].DBase, $"seed {seed} layer {l}");
                    vectorPass.Layers[l].Numeric.ShouldBe(scalarPass.Layers[l].Numeric, $"seed {seed} layer {l}");
                }
            }
        }
    }
}
