using System;
using System.Collections.Generic;
using System.Threading;
using Kan.Training.Compute;

namespace Kan.Training.Tests.Compute
{
    public class SegmentWorkersTests
    {
        [Fact]
        public void Every_pass_runs_each_segment_exactly_once_and_returns_after_all()
        {
            using SegmentWorkers workers = SegmentWorkers.Create(new ComputeOptions(3))!;
            var random = new Random(7);
            var threads = new HashSet<int>();
            int caller = Environment.CurrentManagedThreadId;
            for (int pass = 0; pass < 1000; pass++)
            {
                int count = random.Next(2, 20);
                var runs = new int[count];
                workers.Run(count, s =>
                {
                    lock (threads)
                    {
                        threads.Add(Environment.CurrentManagedThreadId);
                    }

                    // Segments long enough for the workers to take some, theirs ten times longer than the caller's, so
                    // the caller runs out of segments while they are still busy.
                    Thread.SpinWait(Environment.CurrentManagedThreadId == caller ? 500 : 5000);

                    Interlocked.Increment(ref runs[s]);
                });

                // Every segment done once by the time Run returns (read without synchronisation on purpose: Run must publish them).
                runs.ShouldAllBe(r => r == 1);
            }

            threads.Count.ShouldBeGreaterThan(1);
        }

        [Fact]
        public void A_segment_exception_reaches_the_caller_after_the_pass_and_the_workers_go_on()
        {
            using SegmentWorkers workers = SegmentWorkers.Create(new ComputeOptions(2))!;
            for (int pass = 0; pass < 50; pass++)
            {
                int done = 0;
                Should.Throw<InvalidOperationException>(() => workers.Run(8, s =>
                {
                    if (s == pass % 8)
                    {
                        throw new InvalidOperationException("segment " + s);
                    }

                    Interlocked.Increment(ref done);
                })).Message.ShouldBe("segment " + (pass % 8));
                done.ShouldBe(7);
            }

            int after = 0;
            workers.Run(5, _ => Interlocked.Increment(ref after));
            after.ShouldBe(5);
        }

        [Fact]
        public void One_thread_needs_no_workers()
        {
            SegmentWorkers.Create(new ComputeOptions(1)).ShouldBeNull();
        }
    }
}
