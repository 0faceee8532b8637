using System;
using System.Collections.Immutable;
using System.Linq;

namespace Kan.Benchmarks.Evaluation;

/// <summary>
/// Seeded random spline-only models in pykan's default layout (uniform grid on [-1, 1] extended by k knots each
/// side, silu base), so benchmarks need no files. Evaluation cost depends on the shape, G and k, not on the values.
/// </summary>
public static class SplineModels
{
    public static KanModel Create(int[] widths, int g, int k, int seed)
    {
        var rng = new Random(seed);
        double[] Random(int n, double scale) => Enumerable.Range(0, n).Select(_ => (rng.NextDouble() * 2 - 1) * scale).ToArray();
        var layers = ImmutableArray.CreateBuilder<KanLayer>(widths.Length - 1);
        for (int l = 0; l + 1 < widths.Length; l++)
        {
            int nIn = widths[l], nOut = widths[l + 1];
            double h = 2.0 / g;
            double[] knots = Enumerable.Range(0, nIn).SelectMany(_ => Enumerable.Range(-k, g + 2 * k + 1).Select(m => -1.0 + m * h)).ToArray();
            layers.Add(new KanLayer.Builder(new LayerTopology(nIn, nOut, ImmutableArray<int>.Empty))
            {
                K = k,
                BaseFunction = BaseFunction.Silu,
                Knots = knots.ToImmutableArray(),
                Coefficients = Random(nIn * nOut * (g + k), 0.5).ToImmutableArray(),
                ScaleBase = Random(nIn * nOut, 1.0).ToImmutableArray(),
                ScaleSpline = Random(nIn * nOut, 1.0).ToImmutableArray(),
                Mask = Enumerable.Repeat(1.0, nIn * nOut).ToImmutableArray(),
                Symbolic = ImmutableArray<SymbolicEdge>.Empty,
                SubnodeScale = Enumerable.Repeat(1.0, nOut).ToImmutableArray(),
                SubnodeBias = Enumerable.Repeat(0.0, nOut).ToImmutableArray(),
                NodeScale = Enumerable.Repeat(1.0, nOut).ToImmutableArray(),
                NodeBias = Enumerable.Repeat(0.0, nOut).ToImmutableArray(),
            }.Build());
        }

        var inputs = Enumerable.Range(1, widths[0]).Select(i => "x" + i).ToImmutableArray();
        var outputs = Enumerable.Range(1, widths[widths.Length - 1]).Select(i => "y" + i).ToImmutableArray();
        return new KanModel(inputs, outputs, ImmutableArray<int>.Empty, layers.MoveToImmutable());
    }
}
