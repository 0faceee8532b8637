using System;
using System.IO;

namespace Embedded.Runner
{
    /// <summary>How far the float build strays from the double build, and how big it is.</summary>
    public static class FloatReport
    {
        public static (double MaxAbsError, double MaxOutput, int Points) Compare(int perAxis = 301)
        {
            double maxError = 0, maxOutput = 0;
            for (int a = 0; a < perAxis; a++)
            {
                for (int s = 0; s < perAxis; s++)
                {
                    // Every point is representable in float, so both builds see exactly the same input.
                    float speed = (float)(3.0 * s / (perAxis - 1));
                    float altitude = (float)(3.0 * a / (perAxis - 1));
                    double reference = DragDouble.Predict(speed, altitude);
                    float single = Embedded.Model.Drag.Predict(speed, altitude);
                    maxError = Math.Max(maxError, Math.Abs(single - reference));
                    maxOutput = Math.Max(maxOutput, Math.Abs(reference));
                }
            }

            return (maxError, maxOutput, perAxis * perAxis);
        }

        public static long ModelAssemblyBytes() => new FileInfo(typeof(Embedded.Model.Drag).Assembly.Location).Length;
    }
}
