using System;
using Embedded.Model;
using Embedded.Runner;

var (maxError, maxOutput, points) = FloatReport.Compare();
Console.WriteLine("Embedded build of drag.kan: netstandard2.0, C# 9, float arithmetic, no heap, no LINQ");
Console.WriteLine($"  code size: Embedded.Model.dll is {FloatReport.ModelAssemblyBytes()} bytes (the generated Drag class plus a 10-line controller)");
Console.WriteLine($"  max |float - double| over {points} points of [0,3]^2: {maxError:E2} (outputs up to {maxOutput:F3}, relative {maxError / maxOutput:E2})");

float vx = 2f, vy = 1f;
for (int i = 0; i < 60; i++)
{
    DragController.Step(ref vx, ref vy, altitude: 1.5f, dt: 1f / 60f);
}

Console.WriteLine($"  one second of control steps from v = (2, 1): v = ({vx:F4}, {vy:F4})");

// Exit 1 when the result is wrong, so CI notices: float within 1e-5 of the output scale (a [2,3,1] model adds a
// few dozen float roundings), and drag slows the projectile without reversing it: the horizontal speed drops but
// stays positive, and the fall is slower than the drag-free 1 - 9.81 m/s.
bool floatOk = maxError / maxOutput < 1e-5;
bool controlOk = vx > 0f && vx < 2f && vy > 1f - 9.81f && vy < 1f;
if (!floatOk || !controlOk)
{
    Console.Error.WriteLine($"embedded: {(floatOk ? "" : "float error too large; ")}{(controlOk ? "" : "control step did not slow the projectile")}");
    return 1;
}

return 0;
