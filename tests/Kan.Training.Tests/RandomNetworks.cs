using System;
using Kan.Training;

namespace Kan.Training.Tests
{
    /// <summary>Random networks for property tests: mult nodes, symbolic edges, masks and affines all exercised.</summary>
    internal static class RandomNetworks
    {
        private static readonly string[] SafeFunctions = { "x", "x^2", "x^3", "sin", "cos", "tanh", "exp", "gaussian", "arctan", "0" };

        public static KanNetwork Make(int seed, bool symbolic = true, bool masks = true, bool affines = true, int minK = 1)
        {
            var random = new Random(seed);
            int depth = random.Next(1, 4);
            var widths = new LayerWidth[depth + 1];
            widths[0] = random.Next(1, 4);
            for (int l = 1; l <= depth; l++)
            {
                widths[l] = l < depth && random.Next(2) == 0 ? new LayerWidth(random.Next(1, 3), random.Next(1, 3)) : new LayerWidth(random.Next(1, 4));
            }

            var options = new KanNetworkOptions
            {
                Grid = random.Next(1, 7),
                K = random.Next(minK, 4),
                MultArity = random.Next(2, 4),
                Seed = seed,
                NoiseScale = 1.0,
                BaseFunction = (BaseFunction)random.Next(3),
            };
            var net = new KanNetwork(widths, options);
            for (int l = 0; l < net.LayerCount; l++)
            {
                NetworkLayer layer = net.Layers[l];
                for (int i = 0; i < layer.InputCount; i++)
                {
                    for (int j = 0; j < layer.SubnodeCount; j++)
                    {
                        if (symbolic && random.Next(3) == 0)
                        {
                            string fn = SafeFunctions[random.Next(SafeFunctions.Length)];
                            net.SetSymbolic(l, i, j, fn, random.NextDouble() * 2 - 1, random.NextDouble() - 0.5, random.NextDouble() * 2 - 1, random.NextDouble() - 0.5);
                            net.SetMode(l, i, j, random.Next(2) == 0 ? "s" : "ns");
                        }
                        else if (masks && random.Next(6) == 0)
                        {
                            net.SetMode(l, i, j, "n", 0.0);
                            layer.Arrays.Mask[layer.EdgeIndex(i, j)] = 0.0;
                        }
                    }
                }

                if (affines)
                {
                    for (int j = 0; j < layer.SubnodeCount; j++)
                    {
                        layer.Arrays.SubnodeScale[j] = 0.5 + random.NextDouble();
                        layer.Arrays.SubnodeBias[j] = random.NextDouble() - 0.5;
                    }

                    for (int n = 0; n < layer.OutputCount; n++)
                    {
                        layer.Arrays.NodeScale[n] = 0.5 + random.NextDouble();
                        layer.Arrays.NodeBias[n] = random.NextDouble() - 0.5;
                    }
                }
            }

            return net;
        }

        /// <summary>Inputs inside and outside the grid, and exactly on first-layer knots.</summary>
        public static double[,] Inputs(KanNetwork net, int rows, int seed)
        {
            var random = new Random(seed);
            var x = new double[rows, net.CallerInputCount];
            NetworkLayer first = net.Layers[0];
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < net.CallerInputCount; c++)
                {
                    int kind = random.Next(4);
                    x[r, c] = kind switch
                    {
                        0 => first.Knots[c * first.KnotCount + random.Next(first.KnotCount)],
                        1 => (random.NextDouble() * 2 - 1) * 4,
                        _ => random.NextDouble() * 2 - 1,
                    };
                }
            }

            return x;
        }
    }
}
