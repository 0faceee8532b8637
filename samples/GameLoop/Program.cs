using System;
using System.Globalization;
using GameLoop;

// A game-engine style fixed-timestep loop: 10 000 projectiles, 600 frames (10 s of game time at 60 Hz),
// the drag on each one from the compiled KAN every frame.
int agents = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
int frames = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 600;

Console.WriteLine($"Drag model: {Drag.InputCount} inputs -> {Drag.OutputCount} output, compiled from Models/drag.kan");
Console.WriteLine($"  Drag.Predict(speed: 2, altitude: 0.5) = {Drag.Predict(2.0, 0.5):F6}   (true 0.5*2*exp(-0.5) = {0.5 * 2 * Math.Exp(-0.5):F6})");

GameLoopReport report = GameLoopRun.Run(agents, frames);
Console.WriteLine($"{report.Agents} agents x {report.Frames} frames: {report.MillisecondsPerFrame:F3} ms per frame, {report.NanosecondsPerAgent:F1} ns per agent-step");
Console.WriteLine($"GC allocations during the loop: {report.AllocatedBytes} bytes, {report.Gen0Collections} gen-0 collections; mean energy {report.MeanEnergy:F4}");
// Exit 1 when the run is wrong, so CI notices: the loop allocated, or the simulated energy is not a positive number.
bool ok = report.AllocatedBytes == 0 && double.IsFinite(report.MeanEnergy) && report.MeanEnergy > 0;
if (!ok)
{
    Console.Error.WriteLine("gameloop: expected no allocation and a positive finite mean energy");
}

return ok ? 0 : 1;
