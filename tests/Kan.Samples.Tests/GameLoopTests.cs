using System;
using GameLoop;

namespace Kan.Samples.Tests;

public class GameLoopTests
{
    [Fact]
    public void The_game_loop_allocates_nothing()
    {
        GameLoopReport report = GameLoopRun.Run(agents: 2_000, frames: 120);
        report.AllocatedBytes.ShouldBe(0);
        report.Gen0Collections.ShouldBe(0);
        double.IsFinite(report.MeanEnergy).ShouldBeTrue();
        report.MeanEnergy.ShouldBeGreaterThan(0);
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
