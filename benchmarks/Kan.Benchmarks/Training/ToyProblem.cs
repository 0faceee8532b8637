using System;
using Kan.Training;

namespace Kan.Benchmarks.Training
{
    /// <summary>pykan's tutorial function f(x, y) = exp(sin(pi x) + y^2) on [-1, 1]^2.</summary>
    internal static class ToyProblem
    {
        public static double Function(double[] v) => Math.Exp(Math.Sin(Math.PI * v[0]) + v[1] * v[1]);

        public static Dataset Data(int trainCount, int testCount, int seed = 0) =>
            Dataset.FromFunction(Function, 2, new[] { (-1.0, 1.0) }, trainCount, testCount, seed);
    }
}
