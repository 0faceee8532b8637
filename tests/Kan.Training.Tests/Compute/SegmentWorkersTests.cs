using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Kan.Training.Compute;

namespace Kan.Training.Tests.Compute
{
    /// <summary>
    /// The process-wide segment workers: every segment exactly once, pass after pass (also after the workers went to
    /// sleep), exceptions back on the caller, one caller at a time, and the thread limit. The xunit runner shares the
    /// workers with other tests' fits, so a test retries a pass that found them busy rather than assume it got them.
    /// </summary>
    public class SegmentWorkersTests
    {
        private static SegmentWorkers Workers => SegmentWorkers.Shared ?? throw new InvalidOperationException("single-core machine");

        /// <summary>Runs one pass on the workers, waiting while another test's pass has them.</summary>
        private static void Run(int count, int maxThreads, Action<int> body)
        {
            var spin = new SpinWait();
            while (!Workers.TryRun(count, maxThreads, body))
            {
                spin.SpinOnce();
            }
        }

        [Fact]
        public void Every_segment_runs_exactly_once_in_every_pass()
        {
            if (Environment.ProcessorCount < 2)
            {
                return;
            }

            var random = new Random(7);
            for (int pass = 0; pass < 300; pass++)
            {
                int count = random.Next(1, 40);
                var runs = new int[count];
                Run(count, -1, s =>
                {
                    Thread.SpinWait(200 + (s * 37 + pass) % 3 * 100); // uneven segments, each long enough to still run when another thread's ends
                    Interlocked.Increment(ref runs[s]); // last, so a caller that returns early finds it missing
                });
                runs.ShouldAllBe(n => n == 1, "pass " + pass + " with " + count + " segments");
            }
        }

        [Fact]
        public void A_pass_after_the_workers_went_to_sleep_still_runs_every_segment()
        {
            if (Environment.ProcessorCount < 2)
            {
                return;
            }

            for (int pass = 0; pass < 4; pass++)
            {
                Thread.Sleep(20); // far past the workers' polling time
                var runs = new int[32];
                var threads = new ConcurrentDictionary<int, bool>();
                Run(32, -1, s =>
                {
                    threads[Environment.CurrentManagedThreadId] = true;
                    Thread.Sleep(1); // long enough for a woken worker to take a segment
                    Interlocked.Increment(ref runs[s]);
                });
                runs.ShouldAllBe(n => n == 1);
                threads.Count.ShouldBeGreaterThan(1, "no worker woke up for pass " + pass);
            }
        }

        [Fact]
        public void A_segment_exception_reaches_the_caller_after_the_other_segments_ran()
        {
            if (Environment.ProcessorCount < 2)
            {
                return;
            }

            var runs = new int[12];
            var error = Should.Throw<InvalidOperationException>(() => Run(12, -1, s =>
            {
                Interlocked.Increment(ref runs[s]);
                if (s == 5)
                {
                    throw new InvalidOperationException("segment 5");
                }
            }));
            error.Message.ShouldBe("segment 5");
            runs.ShouldAllBe(n => n == 1);

            // The workers are free and sound afterwards.
            var after = new int[12];
            Run(12, -1, s => Interlocked.Increment(ref after[s]));
            after.ShouldAllBe(n => n == 1);
        }

        [Fact]
        public void A_second_caller_is_turned_away_while_a_pass_runs()
        {
            if (Environment.ProcessorCount < 2)
            {
                return;
            }

            bool? nested = null;
            Run(4, -1, s =>
            {
                if (s == 0)
                {
                    nested = Workers.TryRun(1, -1, _ => { });
                }
            });
            nested.ShouldBe(false);
        }

        [Fact]
        public void Concurrent_callers_each_get_all_their_segments_once_or_none()
        {
            if (Environment.ProcessorCount < 2)
            {
                return;
            }

            var failures = new ConcurrentBag<string>();
            Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, caller =>
            {
                for (int pass = 0; pass < 200; pass++)
                {
                    var runs = new int[9];
                    bool ran = Workers.TryRun(9, -1, s => Interlocked.Increment(ref runs[s]));
                    int expected = ran ? 1 : 0;
                    foreach (int n in runs)
                    {
                        if (n != expected)
                        {
                            failures.Add("caller " + caller + " pass " + pass + ": ran=" + ran + ", runs " + string.Join(",", runs));
                            break;
                        }
                    }
                }
            });
            failures.ShouldBeEmpty();
        }

        [Fact]
        public void One_thread_allowed_means_the_caller_runs_every_segment()
        {
            if (Environment.ProcessorCount < 2)
            {
                return;
            }

            for (int pass = 0; pass < 50; pass++)
            {
                // A pass on all threads first, so the workers are awake and polling when the limited one comes.
                Run(8, -1, _ => Thread.SpinWait(100));
                var threads = new HashSet<int>();
                Run(16, 1, s =>
                {
                    lock (threads)
                    {
                        threads.Add(Environment.CurrentManagedThreadId);
                    }

                    Thread.SpinWait(200);
                });
                threads.ShouldBe(new[] { Environment.CurrentManagedThreadId });
            }
        }
    }
}
