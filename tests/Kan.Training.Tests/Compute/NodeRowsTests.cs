using System;
using Kan.Training;
using Kan.Training.Compute;

namespace Kan.Training.Tests.Compute
{
    /// <summary>The node affines over whole rows against the per-element terms they vectorise: the same bits.</summary>
    public class NodeRowsTests
    {
        [Fact]
        public void Whole_rows_give_the_bits_of_one_element_at_a_time()
        {
            var random = new Random(17);
            for (int trial = 0; trial < 200; trial++)
            {
                // Widths past the vector path's limit too, and row counts below and above one period of four rows.
                int n = trial % 10 == 0 ? 60 + random.Next(10) : 1 + random.Next(9);
                int rows = random.Next(0, 15);
                KanNetwork net = KanNetwork.Create(new[] { 1, n }, new KanNetworkOptions { Grid = 3, K = 3, Seed = trial });
                LayerArrays a = net.Layers[0].Arrays;
                Fill(random, a.SubnodeScale);
                Fill(random, a.SubnodeBias);
                Fill(random, a.NodeScale);
                Fill(random, a.NodeBias);
                var sum = new double[rows * n];
                Fill(random, sum);
                var z = new double[sum.Length];
                var output = new double[sum.Length];
                NodeRows.Forward(a, n, sum, z, output);
                var gNode = new double[sum.Length];
                Fill(random, gNode);
                var gSub = new double[sum.Length];
                NodeRows.Backward(a, n, gNode, gSub);
                for (int q = 0; q < sum.Length; q++)
                {
                    int j = q % n;
                    double zj = a.SubnodeScale[j] * sum[q] + a.SubnodeBias[j];
                    Bits(z[q]).ShouldBe(Bits(zj), $"n={n} element {q}");
                    Bits(output[q]).ShouldBe(Bits(a.NodeScale[j] * zj + a.NodeBias[j]), $"n={n} element {q}");
                    Bits(gSub[q]).ShouldBe(Bits(gNode[q] * a.NodeScale[j] * a.SubnodeScale[j]), $"n={n} element {q}");
                }
            }
        }

        private static long Bits(double x) => BitConverter.DoubleToInt64Bits(x);

        /// <summary>Values of mixed sign and scale, so that a changed order of operations would show in the last bits.</summary>
        private static void Fill(Random random, double[] values)
        {
            for (int q = 0; q < values.Length; q++)
            {
                values[q] = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 4));
            }
        }
    }
}
