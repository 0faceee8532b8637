using System;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace Kan.Training.Compute
{
    /// <summary>
    /// The threads that run a pass's segments beside the calling thread: one process-wide set of background workers
    /// that, after a pass, keep polling for the next one for <see cref="SpinTicks"/> before they sleep. A fit runs
    /// one pass after another with a few microseconds of optimizer work between them, and a pass takes tens of
    /// microseconds, so the hand-off is a visible share of a pass: a polling worker starts within a memory
    /// round-trip, where a sleeping one (thread-pool workers sleep once their short spin ends) needs a wake-up.
    /// Segments are claimed one at a time from a shared counter, so a worker the system deschedules holds up at most
    /// the segment it has started, and a worker that arrives late finds nothing left and does not delay the caller.
    /// One caller at a time: a second one (parallel trials, nested passes, tests) gets false from
    /// <see cref="TryRun"/> and schedules its segments another way.
    /// </summary>
    internal sealed class SegmentWorkers
    {
        /// <summary>How long an idle worker polls for the next pass before it sleeps: a few passes' worth.</summary>
        private static readonly long SpinTicks = Stopwatch.Frequency / 2000;

        // No pass has more than MaxSegments segments, so more workers than that would only poll.
        private static readonly Lazy<SegmentWorkers?> SharedWorkers = new Lazy<SegmentWorkers?>(
            () => Environment.ProcessorCount > 1 ? new SegmentWorkers(Math.Min(Environment.ProcessorCount, RowChunks.MaxSegments) - 1) : null,
            LazyThreadSafetyMode.ExecutionAndPublication);

        private readonly SemaphoreSlim _wake = new SemaphoreSlim(0);
        private readonly int _workerCount;

        // The pass being run: published by writing _claim (see Claim).
        private Action<int>? _body;
        private int _count;
        private long _claim;
        private int _completed;
        private int _seats;
        private int _joined;
        private int _sleepers;
        private int _owned;
        private ExceptionDispatchInfo? _error;

        private SegmentWorkers(int workerCount)
        {
            _workerCount = workerCount;
            for (int w = 0; w < workerCount; w++)
            {
                var thread = new Thread(Work) { IsBackground = true, Name = "Kan segment worker " + w };
                thread.Start();
            }
        }

        /// <summary>The process's workers, or null on a single-core machine.</summary>
        public static SegmentWorkers? Shared => SharedWorkers.Value;

        /// <summary>
        /// Runs <paramref name="body"/>(0 .. <paramref name="count"/>-1), each exactly once, on the calling thread and
        /// up to <paramref name="maxThreads"/> - 1 workers, and returns once all have finished; the first exception a
        /// segment throws is rethrown here. <paramref name="maxThreads"/> -1 means all cores. False, having run nothing,
        /// when another caller has the workers.
        /// </summary>
        public bool TryRun(int count, int maxThreads, Action<int> body)
        {
            if (Interlocked.CompareExchange(ref _owned, 1, 0) != 0)
            {
                return false;
            }

            try
            {
                _body = body;
                _completed = 0;
                _count = count;
                _error = null;
                _seats = maxThreads < 0 ? int.MaxValue : maxThreads - 1;
                _joined = 0;
                long generation = (Volatile.Read(ref _claim) >> 32) + 1;
                // A full fence, not just a release: a worker about to sleep counts itself in _sleepers and then
                // rereads _claim, and WakeSleepers reads _sleepers after this; with a plain store the two reads could
                // both miss the other's write and the worker would sleep through the pass.
                Interlocked.Exchange(ref _claim, generation << 32);
                WakeSleepers(Math.Min(Math.Min(_seats, _workerCount), count - 1));
                Claim(generation, body, count);
                var spin = new SpinWait();
                while (Volatile.Read(ref _completed) < count)
                {
                    spin.SpinOnce(sleep1Threshold: -1);
                }

                _body = null;
                _error?.Throw();
                return true;
            }
            finally
            {
                Volatile.Write(ref _owned, 0);
            }
        }

        /// <summary>
        /// Runs segments of <paramref name="generation"/>'s pass, one at a time, until none is left unclaimed. The
        /// claim word holds the generation (high 32 bits) and the next unclaimed segment (low 32 bits).
        /// </summary>
        private void Claim(long generation, Action<int> body, int count)
        {
            while (true)
            {
                long claim = Volatile.Read(ref _claim);
                int segment = (int)(claim & 0xFFFFFFFF);
                if ((claim >> 32) != generation || segment >= count)
                {
                    return;
                }

                if (Interlocked.CompareExchange(ref _claim, claim + 1, claim) != claim)
                {
                    continue;
                }

                try
                {
                    body(segment);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref _error, ExceptionDispatchInfo.Capture(e), null);
                }

                Interlocked.Increment(ref _completed);
            }
        }

        /// <summary>Wakes up to <paramref name="wanted"/> sleeping workers (the others are polling and will see the pass).</summary>
        private void WakeSleepers(int wanted)
        {
            while (wanted > 0)
            {
                int sleepers = Volatile.Read(ref _sleepers);
                if (sleepers == 0)
                {
                    return;
                }

                int take = Math.Min(sleepers, wanted);
                if (Interlocked.CompareExchange(ref _sleepers, sleepers - take, sleepers) == sleepers)
                {
                    _wake.Release(take);
                    return;
                }
            }
        }

        private void Work()
        {
            long seen = 0;
            while (true)
            {
                long generation = WaitForPass(seen);
                seen = generation;
                // The pass's fields were written before _claim published its generation; a stale read is caught by
                // Claim's generation check.
                Action<int>? body = _body;
                int count = _count;
                // A pass limited to fewer threads than there are workers takes only the first that arrive.
                if (body is not null && Interlocked.Increment(ref _joined) <= _seats)
                {
                    Claim(generation, body, count);
                }
            }
        }

        /// <summary>The generation of the next pass after <paramref name="seen"/>: polled for a while, then slept for.</summary>
        private long WaitForPass(long seen)
        {
            long until = Stopwatch.GetTimestamp() + SpinTicks;
            while (true)
            {
                long generation = Volatile.Read(ref _claim) >> 32;
                if (generation != seen)
                {
                    return generation;
                }

                if (Stopwatch.GetTimestamp() < until)
                {
                    Thread.SpinWait(20);
                    continue;
                }

                Interlocked.Increment(ref _sleepers);
                if ((Volatile.Read(ref _claim) >> 32) != seen && TryLeaveSleepers())
                {
                    continue;
                }

                // Either no pass came, or a caller already counted this worker as woken and released the semaphore for it.
                _wake.Wait();
                until = Stopwatch.GetTimestamp() + SpinTicks;
            }
        }

        /// <summary>Takes this worker off the sleeper count unless a caller already did (and will release it).</summary>
        private bool TryLeaveSleepers()
        {
            while (true)
            {
                int sleepers = Volatile.Read(ref _sleepers);
                if (sleepers == 0)
                {
                    return false;
                }

                if (Interlocked.CompareExchange(ref _sleepers, sleepers - 1, sleepers) == sleepers)
                {
                    return true;
                }
            }
        }
    }
}
