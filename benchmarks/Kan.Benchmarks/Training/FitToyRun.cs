using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using Kan.Training;

namespace Kan.Benchmarks.Training
{
    /// <summary>
    /// `fit-toy`: pykan's quickstart fit — [2,5,1], G=5, k=3, 1000 train + 1000 test samples of exp(sin(pi x)+y^2),
    /// 50 LBFGS steps with pykan's default grid updates (update_grid=True, grid_update_num=10, stop_grid_update_step=50).
    /// Optional arguments: the thread count (default all cores) and the number of timed fits (default 1), of which
    /// the median is reported: a single fit on a shared virtual machine can take half as long again as the next.
    /// </summary>
    public sealed class FitToyRun : INamedRun
    {
        public string Name => "fit-toy";

        public string Description => "[2,5,1] G=5 on exp(sin(pi x)+y^2), 1000+1000 samples, 50 LBFGS steps with grid updates";

        public int Run(string[] args)
        {
            // Optional argument: threads (FitOptions.MaxDegreeOfParallelism; default -1, all cores).
            int threads = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : -1;
            int fits = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
            Dataset data = ToyProblem.Data(1000, 1000);
            // Warm-up: the same fit on throwaway networks (pykan's side warms up with one whole fit), so the timing is the
            // steady-state cost. One warm-up fit was not enough: the runtime compiles a method's optimised tier in the
            // background only after 30 calls and 100 ms without new first-tier compilations, so the grid update's
            // least squares (20 calls per fit), LBFGS's bookkeeping and part of the passes still ran first-tier code in
            // the timed fit (0.25 s where the settled fit takes 0.19 s). Three fits, each followed by a pause that lets
            // the background compilation finish, settle it (six fits without pauses measure the same).
            for (int warmUp = 0; warmUp < 3; warmUp++)
            {
                Timed(data, threads);
                Thread.Sleep(250);
            }

            var timed = new (double Seconds, double CpuSeconds, FitHistory History)[fits];
            for (int f = 0; f < fits; f++)
            {
                timed[f] = Timed(data, threads);
            }

            string all = string.Join(",", Array.ConvertAll(timed, t => t.Seconds.ToString("F3", CultureInfo.InvariantCulture)));
            Array.Sort(timed, (a, b) => a.Seconds.CompareTo(b.Seconds));
            (double seconds, double cpuSeconds, FitHistory history) = timed[fits / 2];
            Console.WriteLine("evaluations=" + history.Evaluations + " threads=" + (threads == -1 ? "all" : threads.ToString(CultureInfo.InvariantCulture)) + " fits=" + fits + " (" + all + " s; the median is reported)");
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "cpu_seconds={0:F3} (all threads; wall time depends on machine load)", cpuSeconds));
            int last = history.TrainRmse.Count - 1;
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "seconds={0:F3} train_rmse={1:E3} test_rmse={2:E3}", seconds, history.TrainRmse[last], history.TestRmse[last]));

            // docs/benchmarks.md records 3.363e-3; three times that still separates a working fit from a broken one.
            return RunResult.Check(Name, history.TestRmse[last] < 1e-2, "test RMSE " + history.TestRmse[last].ToString("E3", CultureInfo.InvariantCulture) + " is not below 1e-2");
        }

        /// <summary>The fit on a fresh [2,5,1] G=5 network: wall seconds, process CPU seconds (all threads), history.</summary>
        internal static (double Seconds, double CpuSeconds, FitHistory History) Timed(Dataset data, int threads)
        {
            KanNetwork net = KanNetwork.Create(new[] { 2, 5, 1 }, new KanNetworkOptions { Grid = 5, K = 3 });
            var process = Process.GetCurrentProcess();
            TimeSpan cpu0 = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            FitHistory history = net.Fit(data, new FitOptions { Steps = 50, MaxDegreeOfParallelism = threads });
            watch.Stop();
            process.Refresh();
            return (watch.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu0).TotalSeconds, history);
        }
    }
}
