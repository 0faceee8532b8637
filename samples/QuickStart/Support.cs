using System;
using System.Diagnostics;

namespace QuickStart
{
    /// <summary>Reports on the training thread itself (System.Progress posts to the thread pool, which would lag the bar).</summary>
    internal sealed class SynchronousProgress<T> : IProgress<T>
    {
        private readonly Action<T> _report;

        public SynchronousProgress(Action<T> report) => _report = report;

        public void Report(T value) => _report(value);
    }

    internal static class Timing
    {
        /// <summary>A rough per-call time for the sample's printout; docs/benchmarks.md has the BenchmarkDotNet numbers.</summary>
        public static double NanosecondsPerCall(Func<double> call, int calls = 1_000_000)
        {
            double sink = 0;
            for (int i = 0; i < 10_000; i++)
            {
                sink += call();
            }

            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < calls; i++)
            {
                sink += call();
            }

            double ns = Stopwatch.GetElapsedTime(start).TotalMilliseconds * 1e6 / calls;
            return double.IsNaN(sink) ? double.NaN : ns;
        }
    }
}
