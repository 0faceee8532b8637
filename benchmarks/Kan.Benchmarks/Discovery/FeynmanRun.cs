using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Kan.Training;
using Kan.Training.Discovery;

namespace Kan.Benchmarks.Discovery
{
    /// <summary>
    /// `feynman`: <see cref="FormulaDiscovery"/> on the <see cref="FeynmanEquations"/>, 1000 noise-free training
    /// rows and 1000 fresh test rows each (uniform over the database's ranges). One row per equation: recovered
    /// (no spline edge left and test RMSE / std(y) &lt;= 1e-6), relative test RMSE, seconds, formula; last
    /// <c>recovered=k/N seconds=s</c>. Arguments: an optional per-equation time limit in seconds (default 30),
    /// then optional equation names to run only those.
    /// </summary>
    public sealed class FeynmanRun : INamedRun
    {
        public const double RecoveredThreshold = 1e-6;

        public string Name => "feynman";

        public string Description => "kan discover on AI Feynman equations: recovered, relative test RMSE, seconds, formula per equation";

        public int Run(string[] args)
        {
            double limit = args.Length > 0 && double.TryParse(args[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double l) ? l : 30;
            var only = args.Skip(1).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var equations = FeynmanEquations.All.Where(e => only.Count == 0 || only.Contains(e.Name)).ToList();
            var total = Stopwatch.StartNew();
            int recovered = 0;
            Console.WriteLine("equation | recovered | test RMSE/std(y) | seconds | formula");
            foreach (FeynmanEquation eq in equations)
            {
                var (trainX, trainY) = Sample(eq, 1000, seed: 1);
                var (testX, testY) = Sample(eq, 1000, seed: 2);
                var watch = Stopwatch.StartNew();
                DiscoveryResult result;
                try
                {
                    result = FormulaDiscovery.Run(trainX, trainY, eq.Variables, "y", new DiscoveryOptions { TimeLimit = TimeSpan.FromSeconds(limit) });
                }
                catch (TimeoutException)
                {
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} | no | - | {1:F1} | none (no trial finished within the time limit)", eq.Name, watch.Elapsed.TotalSeconds));
                    continue;
                }

                watch.Stop();
                double relative = Rmse(result.Model, testX, testY) / Std(testY);
                bool symbolic = result.Model.Layers.All(layer => layer.Mask.ToArray().All(m => m == 0.0));
                bool ok = symbolic && relative <= RecoveredThreshold;
                recovered += ok ? 1 : 0;
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} | {1} | {2:E2} | {3:F1} | {4}{5}", eq.Name, ok ? "yes" : "no", relative, watch.Elapsed.TotalSeconds,
                    result.Chosen?.Formula ?? "none (spline model)", result.TimedOut ? " [time limit]" : ""));
            }

            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "recovered={0}/{1} seconds={2:F1}", recovered, equations.Count, total.Elapsed.TotalSeconds));
            return 0;
        }

        private static (double[,] X, double[] Y) Sample(FeynmanEquation eq, int rows, int seed)
        {
            var random = new Random(seed);
            int n = eq.Variables.Length;
            var x = new double[rows, n];
            var y = new double[rows];
            var v = new double[n];
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < n; c++)
                {
                    v[c] = eq.Ranges[c].Min + (eq.Ranges[c].Max - eq.Ranges[c].Min) * random.NextDouble();
                    x[r, c] = v[c];
                }

                y[r] = eq.Function(v);
            }

            return (x, y);
        }

        private static double Rmse(KanNetwork model, double[,] x, double[] y)
        {
            double[,] p = model.Forward(x);
            double s = 0;
            for (int r = 0; r < y.Length; r++)
            {
                s += (p[r, 0] - y[r]) * (p[r, 0] - y[r]);
            }

            return Math.Sqrt(s / y.Length);
        }

        private static double Std(double[] y)
        {
            double mean = y.Average();
            return Math.Sqrt(y.Sum(v => (v - mean) * (v - mean)) / (y.Length - 1));
        }
    }
}
