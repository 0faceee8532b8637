using System;
using Kan.Training;
using Kan.Training.Compute;

namespace Kan.Training.Tests.Compute
{
    /// <summary>The analytic backward against central finite differences, for every parameter kind.</summary>
    public class GradientTests
    {
        [Theory]
        [InlineData(0.0, 37)]
        [InlineData(0.3, 37)]
        [InlineData(0.3, 300)] // several chunks: streamed moments, per-segment gradients
        public void Analytic_gradient_matches_finite_differences(double lamb, int rows)
        {
            int checkedParameters = 0;
            for (int seed = 0; seed < 25; seed++)
            {
                KanNetwork net = RandomNetworks.Make(seed, minK: 2);
                net.Options.AffineTrainable = true;
                var random = new Random(seed);
                double[,] x = new double[rows, net.CallerInputCount];
                for (int r = 0; r < rows; r++)
                {
                    for (int c = 0; c < net.CallerInputCount; c++)
                    {
                        x[r, c] = random.NextDouble() * 2.4 - 1.2;
                    }
                }

                var inputs = new double[x.Length];
                Buffer.BlockCopy(x, 0, inputs, 0, inputs.Length * sizeof(double));
                var labels = new double[rows * net.OutputCount];
                for (int q = 0; q < labels.Length; q++)
                {
                    labels[q] = random.NextDouble();
                }

                var objective = new TrainingObjective(net, symbolic: true, lamb, new RegularizerWeights(1.0, 2.0, 0.5, 0.25));
                objective.SetBatch(inputs, labels, rows);
                checkedParameters += FiniteDifferences.Check(objective, new ParameterSet(net, symbolic: true), $"seed {seed}");
            }

            checkedParameters.ShouldBeGreaterThan(1000);
        }
    }
}
