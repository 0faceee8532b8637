using System;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace Kan.Training.Compute
{
    /// <summary>
    /// Threads one fit keeps for its whole run to share the segments of each pass with the calling thread.
    /// A fit makes over a thousand small passes (fit-toy: about 120 µs each on two cores), and starting each one with
    /// <c>Parallel.For</c> (queueing to the thread pool, waking a worker, allocating the loop state) cost about
    /// a third of its wall time. Here the workers stay up between passes: a pass is published to them, every
    /// thread, the caller included, claims segments with an interlocked counter until none is left, and a worker
    /// that finds no new pass spins briefly (<see cref="SpinTime"/>) before it blocks, so the back-to-back passes
    /// of an LBFGS line search never wait for a thread to wake. Which thread runs a segment changes nothing in the
    /// results: segments are fixed by the row count and reduced in segment order by the caller.
    /// Owned by the fit that creates it and disposed at its end; nothing here is static.
    /// </summary>
    internal sealed class SegmentWorkers : IDisposable
    {
        /// <summary>
        /// How long an idle worker spins before blocking: longer than the optimizer's bookkeeping between two
        /// evaluations, short enough that a worker idle during a grid update or after the fit gives its core back.
        /// </summary>
        private static readonly long SpinTime = Stopwatch.Frequency / 20_000; // 50 µs

        private readonly Thread[] _threads;
        private readonly object _gate = new object();
        private readonly ManualResetEventSlim _done = new ManualResetEventSlim(false);
        private Pass? _current;
        private bool _disposed;

        private SegmentWorkers(int workerCount)
        {
            _threads = new Thread[workerCount];
            for (int i = 0; i < workerCount; i++)
            {
                _threads[i] = new Thread(WorkerLoop) { IsBackground = true, Name = "Kan fit worker " + i };
                _threads[i].Start();
            }
        }

        /// <summary>
        /// Workers for <paramref name="compute"/>'s thread count less the caller's own thread; null when that
        /// leaves none (one thread or one core), and passes then run on the caller alone.
        /// </summary>
        public static SegmentWorkers? Create(ComputeOptions compute)
        {
            int threads = compute.MaxDegreeOfParallelism == -1 ? Environment.ProcessorCount : compute.MaxDegreeOfParallelism;
            return threads > 1 ? new SegmentWorkers(threads - 1) : null;
        }

        /// <summary>
        /// Runs <paramref name="body"/> for segments 0 .. <paramref name="count"/> - 1 on the workers and the calling
        /// thread, returning when all are done; the first exception a segment threw is rethrown here.
        /// Not reentrant: one pass at a time, started from one thread.
        /// </summary>
        public void Run(int count, Action<int> body)
        {
            if (count == 0)
            {
                return;
            }

            var pass = new Pass(count, body);
            _done.Reset();
            lock (_gate)
            {
                Volatile.Write(ref _current, pass);
                Monitor.PulseAll(_gate);
            }

            Work(pass);
            _done.Wait();
            pass.Error?.Throw();
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                Monitor.PulseAll(_gate);
            }

            foreach (Thread thread in _threads)
            {
                thread.Join();
            }

            _done.Dispose();
        }

        private void WorkerLoop()
        {
            Pass? seen = null;
            while (true)
            {
                Pass? pass = WaitForPass(seen);
                if (pass == null)
                {
                    return;
                }

                seen = pass;
                Work(pass);
            }
        }

        /// <summary>The next pass after <paramref name="seen"/>, or null once disposed.</summary>
        private Pass? WaitForPass(Pass? seen)
        {
            long start = Stopwatch.GetTimestamp();
            while (Stopwatch.GetTimestamp() - start < SpinTime)
            {
                Pass? pass = Volatile.Read(ref _current);
                if (pass != seen || Volatile.Read(ref _disposed))
                {
                    return Volatile.Read(ref _disposed) ? null : pass;
                }

                Thread.SpinWait(20);
            }

            lock (_gate)
            {
                while (_current == seen && !_disposed)
                {
                    Monitor.Wait(_gate);
                }

                return _disposed ? null : _current;
            }
        }

        /// <summary>Claims and runs segments of <paramref name="pass"/> until none is left; the last to finish signals the caller.</summary>
        private void Work(Pass pass)
        {
            int s;
            while ((s = Interlocked.Increment(ref pass.Next) - 1) < pass.Count)
            {
                try
                {
                    pass.Body(s);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref pass.Error, ExceptionDispatchInfo.Capture(e), null);
                }

                if (Interlocked.Decrement(ref pass.Pending) == 0)
                {
                    _done.Set();
                }
            }
        }

        /// <summary>
        /// One pass's state. A new object per pass, so a worker still leaving the previous pass can only claim
        /// from that one (where nothing is left), never from the pass that replaced it.
        /// </summary>
        private sealed class Pass
        {
            public readonly int Count;
            public readonly Action<int> Body;
            public int Next;
            public int Pending;
            public ExceptionDispatchInfo? Error;

            public Pass(int count, Action<int> body)
            {
                Count = count;
                Body = body;
                Pending = count;
            }
        }
    }
}
