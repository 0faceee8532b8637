using System;
using System.Diagnostics;

namespace GameLoop
{
    /// <summary>The measured run: frames of the simulation with GC allocations counted around the loop.</summary>
    public static class GameLoopRun
    {
        public static GameLoopReport Run(int agents, int frames, double dt = 1.0 / 60.0, int seed = 1)
        {
            var world = new Simulation(agents, seed);
            world.Step(dt); // warm-up: JIT and first-call work happen outside the measured loop

            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            int collectionsBefore = GC.CollectionCount(0);
            long start = Stopwatch.GetTimestamp();
            for (int f = 0; f < frames; f++)
            {
                world.Step(dt);
            }

            TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            return new GameLoopReport(agents, frames, allocated, GC.CollectionCount(0) - collectionsBefore, elapsed, world.MeanEnergy());
        }
    }

    public readonly struct GameLoopReport
    {
        public GameLoopReport(int agents, int frames, long allocatedBytes, int gen0Collections, TimeSpan elapsed, double meanEnergy)
        {
            Agents = agents;
            Frames = frames;
            AllocatedBytes = allocatedBytes;
            Gen0Collections = gen0Collections;
            Elapsed = elapsed;
            MeanEnergy = meanEnergy;
        }

        public int Agents { get; }

        public int Frames { get; }

        public long AllocatedBytes { get; }

        public int Gen0Collections { get; }

        public TimeSpan Elapsed { get; }

        public double MeanEnergy { get; }

        public double MillisecondsPerFrame => Elapsed.TotalMilliseconds / Frames;

        public double NanosecondsPerAgent => Elapsed.TotalMilliseconds * 1e6 / ((double)Frames * Agents);
    }
}
