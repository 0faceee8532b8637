using System;
using System.Diagnostics;
using System.Globalization;
using Kan.Training;

namespace Kan.Benchmarks.Training
{
    /// <summary>
    /// `step-cost`: wall time per LBFGS step (one optimizer call: up to 20 iterations / 25 evaluations) on 1000
    /// samples, for widths [2,5,1], [4,9,1], [8,17,1] and G = 5, 20, 100, without grid updates.
    /// Optional argument: steps per case (default 10).
    /// </summary>
    public sealed class StepCostRun : INamedRun
    {
        public string Name => "step-cost";

        public string Description => "time per LBFGS step for [2,5,1], [4,9,1], [8,17,1] x G = 5, 20, 100 on 1000 samples";

        public int Run(string[] args)
        {
            int steps = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
            int[][] widths = { new[] { 2, 5, 1 }, new[] { 4, 9, 1 }, new[] { 8, 17, 1 } };
            int[] grids = { 5, 20, 100 };
            Console.WriteLine("| widths | G | ms per step | ms CPU per step | final train RMSE |");
            Console.WriteLine("|---|---|---|---|---|");
            double total = 0;
            foreach (int[] w in widths)
            {
                int nVar = w[0];
                Dataset data = Dataset.FromFunction(v => Function(v), nVar, new[] { (-1.0, 1.0) }, 1000, 100, 0);
                foreach (int g in grids)
                {
                    var net = KanNetwork.Create(w, new KanNetworkOptions { Grid = g });
                    var options = new FitOptions { Steps = steps, UpdateGrid = false };
                    net.Clone().Fit(data, new FitOptions { Steps = 1, UpdateGrid = false });
                    var process = Process.GetCurrentProcess();
                    TimeSpan cpu0 = process.TotalProcessorTime;
                    var watch = Stopwatch.StartNew();
                    FitHistory h = net.Fit(data, options);
                    watch.Stop();
                    process.Refresh();
                    double cpu = (process.TotalProcessorTime - cpu0).TotalMilliseconds / steps;
                    double ms = watch.Elapsed.TotalMilliseconds / steps;
                    total += ms;
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| [{0}] | {1} | {2:F2} | {3:F2} | {4:E2} |", string.Join(",", w), g, ms, cpu, h.TrainRmse[h.TrainRmse.Count - 1]));
                }
            }

            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "total_ms_per_step_all_cases={0:F1}", total));
            return 0;
        }

        private static double Function(double[] v)
        {
            double s = 0;
            for (int i = 0; i < v.Length; i++)
            {
                s += Math.Sin(Math.PI * v[i] * (i + 1) / v.Length) + v[i] * v[i];
            }

            return Math.Exp(s / v.Length);
        }
    }
}
