using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using Kan.Training;

namespace Kan.Benchmarks.Training
{
    /// <summary>
    /// `fit-toy-ab ROUNDS THREADS DIR_A DIR_B`: fit-toy's timed fit with two builds of Kan.Training (each DIR a
    /// Kan.Benchmarks build output, for example of an older commit), alternating fit by fit in one process. On a
    /// machine shared with other work, separate runs differ by more than a change of a few percent; paired fits a
    /// second apart see nearly the same load, so the median of the paired differences shows it. Each build gets
    /// fit-toy's warm-up first. The result check: both builds end at the same test RMSE, bit for bit.
    /// </summary>
    public sealed class FitToyAbRun : INamedRun
    {
        public string Name => "fit-toy-ab";

        public string Description => "fit-toy's fit with two Kan.Training builds (ROUNDS THREADS DIR_A DIR_B), alternating in one process; paired wall differences";

        public int Run(string[] args)
        {
            if (args.Length != 4)
            {
                Console.Error.WriteLine("usage: fit-toy-ab ROUNDS THREADS DIR_A DIR_B (THREADS: -1 for all cores; DIR: a Kan.Benchmarks build output)");
                return 2;
            }

            int rounds = int.Parse(args[0], CultureInfo.InvariantCulture);
            int threads = int.Parse(args[1], CultureInfo.InvariantCulture);
            string[] dirs = { Path.GetFullPath(args[2]), Path.GetFullPath(args[3]) };
            Func<int, double[]>[] fits = dirs.Select(Load).ToArray();
            for (int warmUp = 0; warmUp < 3; warmUp++)
            {
                foreach (Func<int, double[]> fit in fits)
                {
                    fit(threads);
                }

                Thread.Sleep(250);
            }

            var wall = new[] { new List<double>(), new List<double>() };
            var cpu = new[] { new List<double>(), new List<double>() };
            var rmse = new double[2];
            for (int round = 0; round < rounds; round++)
            {
                // A then B, then B then A: neither build always runs right after the other.
                for (int turn = 0; turn < 2; turn++)
                {
                    int b = (round + turn) % 2;
                    double[] result = fits[b](threads);
                    wall[b].Add(result[0]);
                    cpu[b].Add(result[1]);
                    rmse[b] = result[2];
                }
            }

            for (int b = 0; b < 2; b++)
            {
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}: wall min {1:F3} median {2:F3} s, cpu min {3:F3} median {4:F3} s, test_rmse {5:R}", dirs[b], wall[b].Min(), Median(wall[b]), cpu[b].Min(), Median(cpu[b]), rmse[b]));
            }

            var differences = wall[0].Zip(wall[1], (a, b) => (a - b) * 1000).OrderBy(d => d).ToList();
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "A - B wall per paired round: median {0:F1} ms, quartiles {1:F1} .. {2:F1} ms, {3} rounds, threads {4}", Median(differences), differences[differences.Count / 4], differences[3 * differences.Count / 4], rounds, threads));
            return RunResult.Check(Name, BitConverter.DoubleToInt64Bits(rmse[0]) == BitConverter.DoubleToInt64Bits(rmse[1]), "the builds end at different test RMSEs: " + rmse[0].ToString("R", CultureInfo.InvariantCulture) + " and " + rmse[1].ToString("R", CultureInfo.InvariantCulture));
        }

        /// <summary>This assembly again, in a context that takes Kan.Training and its dependencies from <paramref name="dir"/>.</summary>
        private static Func<int, double[]> Load(string dir)
        {
            var context = new BuildLoadContext(dir);
            Assembly self = context.LoadFromAssemblyPath(typeof(FitToyAbRun).Assembly.Location);
            MethodInfo fit = self.GetType(typeof(TimedFit).FullName!)!.GetMethod(nameof(TimedFit.Run))!;
            return (Func<int, double[]>)fit.CreateDelegate(typeof(Func<int, double[]>));
        }

        private static double Median(List<double> values)
        {
            List<double> sorted = values.OrderBy(v => v).ToList();
            return sorted[sorted.Count / 2];
        }

        /// <summary>fit-toy's timed fit as plain numbers (this type is loaded once per build): wall seconds, CPU seconds, final test RMSE.</summary>
        public static class TimedFit
        {
            private static Dataset? data;

            public static double[] Run(int threads)
            {
                data ??= ToyProblem.Data(1000, 1000);
                (double seconds, double cpuSeconds, FitHistory history) = FitToyRun.Timed(data, threads);
                return new[] { seconds, cpuSeconds, history.TestRmse[history.TestRmse.Count - 1] };
            }
        }

        private sealed class BuildLoadContext : AssemblyLoadContext
        {
            private readonly string _dir;

            public BuildLoadContext(string dir)
                : base("build " + dir)
            {
                _dir = dir;
            }

            protected override Assembly? Load(AssemblyName name)
            {
                // The training code under test and what it links; everything else (the runtime, BenchmarkDotNet) is shared.
                if (name.Name is "Kan.Training" or "Kan.Runtime" or "MathNet.Numerics")
                {
                    string path = Path.Combine(_dir, name.Name + ".dll");
                    if (!File.Exists(path))
                    {
                        throw new FileNotFoundException("The build folder has no " + name.Name + ".dll.", path);
                    }

                    return LoadFromAssemblyPath(path);
                }

                return null;
            }
        }
    }
}
