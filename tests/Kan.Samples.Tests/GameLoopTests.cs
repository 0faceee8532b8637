using System;
using System.Linq;
using GameLoop;

namespace Kan.Samples.Tests;

[Collection(ProcessWideMeasurements.Name)]
public class GameLoopTests
{
    /// <summary>
    /// The fewest bytes and gen-0 collections of three runs: a collection the runtime starts for its own reasons
    /// (or a tier-up compile on this thread) shows in one run, whereas an allocation in the loop shows in all.
    /// The gen-0 count is process-wide, hence the non-parallel collection.
    /// </summary>
    [Fact]
    public void The_game_loop_allocates_nothing()
    {
        GameLoopReport[] runs = Enumerable.Range(0, 3).Select(_ => GameLoopRun.Run(agents: 2_000, frames: 120)).ToArray();
        runs.Min(r => r.AllocatedBytes).ShouldBe(0);
        runs.Min(r => r.Gen0Collections).ShouldBe(0);
        runs.ShouldAllBe(r => double.IsFinite(r.MeanEnergy) && r.MeanEnergy > 0);
    }

    [Fact]
    public void The_compiled_drag_model_matches_the_physics_it_was_trained_on()
    {
        // Trained on 0.5*speed*exp(-altitude) over [0, 3]^2 to a test RMSE of about 3e-5 (Models/drag.kan metadata);
        // the worst point of this grid, a corner of the box, is off by about 1.2e-3.
        double worst = 0;
        for (int a = 0; a <= 30; a++)
        {
            for (int s = 0; s <= 30; s++)
            {
                double speed = s * 0.1, altitude = a * 0.1;
                worst = Math.Max(worst, Math.Abs(Drag.Predict(speed, altitude) - 0.5 * speed * Math.Exp(-altitude)));
            }
        }

        worst.ShouldBeLessThan(3e-3);
    }
}
