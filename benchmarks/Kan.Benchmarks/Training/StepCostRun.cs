using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Kan.Training;
using Kan.Training.Compute;

namespace Kan.Benchmarks.Training
{
    /// <summary>
    /// `step-cost`: the cost of one loss + gradient evaluation (forward and backward over the full batch, what an
    /// LBFGS step repeats up to 25 times) on 1000 samples, for widths [2,5,1], [4,9,1], [8,17,1] and G = 5, 20,
    /// 100, on one thread and on all cores, as ns per (sample x edge), beside the floating-point operations such an
    /// evaluation needs and the time they take at the cores' peak rate.
    /// Optional arguments: seconds per measurement (default 0.5), peak GFLOP/s per core (default 67.2: 2.1 GHz x
    /// 32 double-precision flops per cycle, two 512-bit FMA pipes).
    /// </summary>
    public sealed class StepCostRun : INamedRun
    {
        public string Name => "step-cost";

        public string Description => "ns per (sample x edge) of a loss+gradient evaluation for [2,5,1], [4,9,1], [8,17,1] x G = 5, 20, 100 on 1000 samples, against the flop-limited time";

        public int Run(string[] args)
        {
            double seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 0.5;
            double peakPerCore = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 67.2;
            int cores = Environment.ProcessorCount;
            int[][] widths = { new[] { 2, 5, 1 }, new[] { 4, 9, 1 }, new[] { 8, 17, 1 } };
            int[] grids = { 5, 20, 100 };
            const int rows = 1000;
            Console.WriteLine("| widths | G | edges | flops per sample x edge | 1 thread: µs per evaluation | 1 thread: ns per sample x edge | flop limit, 1 core (ns) | " + cores + " threads: wall µs per evaluation | " + cores + " threads: CPU µs (mean) | " + cores + " threads: wall ns per sample x edge | flop limit, " + cores + " cores (ns) |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
            double total = 0;
            foreach (int[] w in widths)
            {
                Dataset data = Dataset.FromFunction(Function, w[0], new[] { (-1.0, 1.0) }, rows, 1, 0);
                foreach (int g in grids)
                {
                    var net = KanNetwork.Create(w, new KanNetworkOptions { Grid = g });
                    net.UpdateGrid(data.TrainInputs);
                    int edges = 0;
                    double flops = 0;
                    foreach (NetworkLayer layer in net.Layers)
                    {
                        edges += layer.InputCount * layer.SubnodeCount;
                        flops += FlopsPerSample(layer);
                    }

                    double perEdge = flops / edges;
                    (double one, _) = Measure(net, data, new ComputeOptions(1), seconds);
                    (double all, double allCpu) = Measure(net, data, ComputeOptions.Default, seconds);
                    total += all;
                    double scale = 1e9 / (rows * (double)edges);
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                        "| [{0}] | {1} | {2} | {3:F0} | {4:F0} | {5:F1} | {6:F2} | {7:F0} | {8:F0} | {9:F1} | {10:F2} |",
                        string.Join(",", w), g, edges, perEdge, one * 1e6, one * scale, perEdge / peakPerCore, all * 1e6, allCpu * 1e6, all * scale, perEdge / (peakPerCore * cores)));
                }
            }

            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "total_us_per_evaluation_all_cases={0:F0}", total * 1e6));
            return 0;
        }

        /// <summary>
        /// Seconds per evaluation (loss and gradient, no regulariser): the fastest of many single-evaluation rounds
        /// (on a shared machine the fastest round is the one no other process interrupted; on a quiet one it is
        /// close to the median), and the process CPU time per evaluation over all rounds.
        /// </summary>
        private static (double Wall, double Cpu) Measure(KanNetwork net, Dataset data, ComputeOptions compute, double seconds)
        {
            var objective = new TrainingObjective(net, symbolic: false, 0.0, new RegularizerWeights(1, 2, 0, 0), compute);
            objective.SetBatch(Flatten(data.TrainInputs), Flatten(data.TrainLabels), data.TrainInputs.GetLength(0));
            for (int warm = 0; warm < 30; warm++)
            {
                objective.Evaluate(gradient: true);
            }

            var rounds = new System.Collections.Generic.List<double>();
            Process process = Process.GetCurrentProcess();
            TimeSpan cpu0 = process.TotalProcessorTime;
            var total = Stopwatch.StartNew();
            while (total.Elapsed.TotalSeconds < seconds || rounds.Count < 5)
            {
                long before = Stopwatch.GetTimestamp();
                objective.Evaluate(gradient: true);
                rounds.Add((Stopwatch.GetTimestamp() - before) / (double)Stopwatch.Frequency);
            }

            process.Refresh();
            double cpu = (process.TotalProcessorTime - cpu0).TotalSeconds / rounds.Count;
            return (rounds.Min(), cpu);
        }

        /// <summary>
        /// Floating-point operations per sample of one layer's forward and backward, counted from the kernels
        /// (a multiply-add counts 2): per edge the k+1-term spline sum, base and scale terms and mask (2k+7) and
        /// their gradients (4k+12); per input the de Boor recursion with derivatives (about 7k(k+1) + 3(k+1)) and
        /// silu with its derivative (about 20, exp counted as 15).
        /// </summary>
        private static double FlopsPerSample(NetworkLayer layer)
        {
            int k = layer.K;
            double perEdge = (2 * k + 7) + (4 * k + 12);
            double perInput = 7 * k * (k + 1) + 3 * (k + 1) + 20;
            return layer.InputCount * layer.SubnodeCount * perEdge + layer.InputCount * perInput;
        }

        /// <summary>A row-major copy of <paramref name="m"/>, as the training objective takes its batch.</summary>
        internal static double[] Flatten(double[,] m)
        {
            var flat = new double[m.Length];
            Buffer.BlockCopy(m, 0, flat, 0, flat.Length * sizeof(double));
            return flat;
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
