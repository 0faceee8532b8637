using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using Kan.Training;
using Kan.Training.Compute;

namespace Kan.Benchmarks.Training
{
    /// <summary>
    /// `eval-loop`: the loss + gradient evaluation that fit-toy repeats 1206 times, on fit-toy's own trained network
    /// and data, in a loop: the fastest and the median of all rounds in µs, and the loss and a gradient checksum (so
    /// two builds can be compared for speed and for bits). The loop to profile or to A/B-test a kernel change with,
    /// alternating two builds. Optional arguments: seconds (default 5), threads (default 1).
    /// </summary>
    public sealed class EvalLoopRun : INamedRun
    {
        public string Name => "eval-loop";

        public string Description => "fit-toy's trained network: one loss+gradient evaluation in a loop, fastest and median µs, loss and gradient checksum";

        public int Run(string[] args)
        {
            double seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5;
            int threads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
            Dataset data = ToyProblem.Data(1000, 1000);
            KanNetwork net = KanNetwork.Create(new[] { 2, 5, 1 }, new KanNetworkOptions { Grid = 5, K = 3 });
            net.Fit(data, new FitOptions { Steps = 50 });
            var objective = new TrainingObjective(net, symbolic: false, 0.0, new RegularizerWeights(1, 2, 0, 0), new ComputeOptions(threads));
            objective.SetBatch(StepCostRun.Flatten(data.TrainInputs), StepCostRun.Flatten(data.TrainLabels), data.TrainInputs.GetLength(0));
            // Past the runtime's tiering, then a pause for its background compilation (as fit-toy's warm-up).
            for (int warm = 0; warm < 200; warm++)
            {
                objective.Evaluate(gradient: true);
            }

            Thread.Sleep(300);
            var rounds = new List<double>();
            double loss = 0;
            var total = Stopwatch.StartNew();
            while (total.Elapsed.TotalSeconds < seconds || rounds.Count < 5)
            {
                long before = Stopwatch.GetTimestamp();
                loss = objective.Evaluate(gradient: true);
                rounds.Add((Stopwatch.GetTimestamp() - before) * 1e6 / Stopwatch.Frequency);
            }

            rounds.Sort();
            double checksum = 0;
            foreach (LayerGradients g in objective.Gradients)
            {
                foreach (double v in g.Coefficients)
                {
                    checksum += v;
                }
            }

            double mean = 0;
            foreach (double r in rounds)
            {
                mean += r / rounds.Count;
            }

            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "min_us={0:F1} median_us={1:F1} p90_us={2:F1} p99_us={3:F1} mean_us={4:F1} rounds={5} loss={6:R} gradient_sum={7:R}", rounds[0], rounds[rounds.Count / 2], rounds[rounds.Count * 9 / 10], rounds[rounds.Count * 99 / 100], mean, rounds.Count, loss, checksum));
            return 0;
        }
    }
}
