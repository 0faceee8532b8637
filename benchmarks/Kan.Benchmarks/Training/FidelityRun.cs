using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Kan.Training;

namespace Kan.Benchmarks.Training
{
    /// <summary>
    /// `fidelity`: final test RMSE of fit-toy ([2,5,1], G=5, 50 steps) and of the staircase ([2,1,1] refined
    /// through G = 3, 10, 20, 50, 200 steps each, stop_grid_update_step=30) over several seeds; seed s seeds both
    /// the data and the network. Prints each seed, then the median, min and max per stage, the same lines as
    /// <c>benchmarks/pykan/kan_runs.py fidelity</c>.
    /// Optional arguments: seeds (default 8), staircase steps per grid (default 200).
    /// </summary>
    public sealed class FidelityRun : INamedRun
    {
        private static readonly int[] Grids = { 3, 10, 20, 50 };

        public string Name => "fidelity";

        public string Description => "test RMSE of fit-toy and the staircase (G=3,10,20,50) over 8 seeds: median, min, max";

        public int Run(string[] args)
        {
            int seeds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 8;
            int steps = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
            var toy = new List<double>();
            var stairs = Grids.ToDictionary(g => g, _ => new List<double>());
            for (int seed = 0; seed < seeds; seed++)
            {
                Dataset data = ToyProblem.Data(1000, 1000, seed);
                KanNetwork net = KanNetwork.Create(new[] { 2, 5, 1 }, new KanNetworkOptions { Grid = 5, K = 3, Seed = seed });
                toy.Add(net.Fit(data, new FitOptions { Steps = 50 }).TestRmse.Last());

                KanNetwork? stair = null;
                foreach (int g in Grids)
                {
                    stair = stair is null ? KanNetwork.Create(new[] { 2, 1, 1 }, new KanNetworkOptions { Grid = g, Seed = seed }) : stair.Refine(g, data.TrainInputs);
                    stairs[g].Add(stair.Fit(data, new FitOptions { Steps = steps, StopGridUpdateStep = 30 }).TestRmse.Last());
                }

                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "seed={0} fit-toy={1:0.000e+00} staircase={2}", seed, toy[seed], string.Join(" ", Grids.Select(g => string.Format(CultureInfo.InvariantCulture, "G{0}={1:0.000e+00}", g, stairs[g][seed])))));
            }

            Console.WriteLine(Summary("fit-toy", toy));
            foreach (int g in Grids)
            {
                Console.WriteLine(Summary("staircase G=" + g, stairs[g]));
            }

            return 0;
        }

        private static string Summary(string name, List<double> values)
        {
            var sorted = values.OrderBy(v => v).ToArray();
            int n = sorted.Length;
            double median = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
            return string.Format(CultureInfo.InvariantCulture, "{0} median={1:0.000e+00} min={2:0.000e+00} max={3:0.000e+00}", name, median, sorted[0], sorted[n - 1]);
        }
    }
}
