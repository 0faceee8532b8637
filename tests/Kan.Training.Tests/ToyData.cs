using System;
using Kan.Training;

namespace Kan.Training.Tests
{
    internal static class ToyData
    {
        /// <summary>pykan's tutorial function exp(sin(pi x) + y^2).</summary>
        public static double Function(double[] v) => Math.Exp(Math.Sin(Math.PI * v[0]) + v[1] * v[1]);

        public static Dataset Make(int train, int test, int seed = 0) =>
            Dataset.FromFunction(Function, 2, new[] { (-1.0, 1.0) }, train, test, seed);

        public static double Rmse(double[,] a, double[,] b)
        {
            double s = 0;
            for (int r = 0; r < a.GetLength(0); r++)
            {
                for (int c = 0; c < a.GetLength(1); c++)
                {
                    double d = a[r, c] - b[r, c];
                    s += d * d;
                }
            }

            return Math.Sqrt(s / a.Length);
        }
    }
}
