using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Kan.Training;

namespace Kan.Benchmarks.Training
{
    /// <summary>
    /// `large-data`: seconds per full-batch LBFGS step and peak working set for [3,5,1], G=5, on 10 000, 100 000
    /// and 1 000 000 rows x 3 inputs of exp(sin(pi x1) + x2^2) + x3/2 (1000 test rows), pykan's default fit
    /// options. Each size runs in a child process of its own, so the peak working set is that size's alone. The
    /// first step also pays for the JIT and the first grid update; the later steps (grid updates every 5 steps
    /// included) give the time per step.
    /// Optional arguments: steps per size (default 4), then row counts.
    /// </summary>
    public sealed class LargeDataRun : INamedRun
    {
        public string Name => "large-data";

        public string Description => "seconds per LBFGS step and peak working set for [3,5,1] on 10k, 100k and 1M rows x 3 inputs";

        public int Run(string[] args)
        {
            if (args.Length == 3 && args[0] == "--one")
            {
                return One(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture));
            }

            int steps = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 4;
            IEnumerable<int> sizes = args.Length > 1 ? args.Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)) : new[] { 10_000, 100_000, 1_000_000 };
            Console.WriteLine("| rows | first step (s) | seconds per later step | later steps per 100k rows (s) | peak working set (MB) | CPU seconds per later step |");
            Console.WriteLine("|---|---|---|---|---|---|");
            foreach (int rows in sizes)
            {
                var start = new ProcessStartInfo(Environment.ProcessPath!)
                {
                    RedirectStandardOutput = true,
                    UseShellExecute = false,
                };
                if (!Environment.ProcessPath!.EndsWith("Kan.Benchmarks", StringComparison.Ordinal) && !Environment.ProcessPath.EndsWith("Kan.Benchmarks.exe", StringComparison.Ordinal))
                {
                    start.ArgumentList.Add(typeof(LargeDataRun).Assembly.Location);
                }

                foreach (string a in new[] { Name, "--one", rows.ToString(CultureInfo.InvariantCulture), steps.ToString(CultureInfo.InvariantCulture) })
                {
                    start.ArgumentList.Add(a);
                }

                using Process child = Process.Start(start)!;
                string output = child.StandardOutput.ReadToEnd();
                child.WaitForExit();
                Console.WriteLine(output.TrimEnd());
            }

            return 0;
        }

        private static int One(int rows, int steps)
        {
            Dataset data = Dataset.FromFunction(v => Math.Exp(Math.Sin(Math.PI * v[0]) + v[1] * v[1]) + 0.5 * v[2], 3, new[] { (-1.0, 1.0) }, rows, 1000, 0);
            KanNetwork net = KanNetwork.Create(new[] { 3, 5, 1 }, new KanNetworkOptions { Grid = 5 });
            Process process = Process.GetCurrentProcess();
            var wall = new List<double>();
            var cpu = new List<double>();
            var watch = Stopwatch.StartNew();
            TimeSpan cpu0 = process.TotalProcessorTime;
            var progress = new StepTimes(() =>
            {
                process.Refresh();
                wall.Add(watch.Elapsed.TotalSeconds);
                cpu.Add((process.TotalProcessorTime - cpu0).TotalSeconds);
            });
            net.Fit(data, new FitOptions { Steps = steps }, progress);
            process.Refresh();
            double later = (wall[wall.Count - 1] - wall[0]) / (steps - 1);
            double laterCpu = (cpu[cpu.Count - 1] - cpu[0]) / (steps - 1);
            Console.WriteLine(string.Format(
                CultureInfo.InvariantCulture,
                "| {0:N0} | {1:F2} | {2:F2} | {3:F3} | {4:F0} | {5:F2} |",
                rows, wall[0], later, later * 100_000 / rows, process.PeakWorkingSet64 / (1024.0 * 1024.0), laterCpu));
            return 0;
        }

        private sealed class StepTimes : IProgress<FitProgress>
        {
            private readonly Action _onStep;

            public StepTimes(Action onStep) => _onStep = onStep;

            public void Report(FitProgress value) => _onStep();
        }
    }
}
