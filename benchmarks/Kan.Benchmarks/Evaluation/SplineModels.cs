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
            layers.Add(new KanLayer(
                nIn, k, BaseFunction.Silu, knots.ToImmutableArray(),
                Random(nIn * nOut * (g + k), 0.5).ToImmutableArray(),
                Random(nIn * nOut, 1.0).ToImmutableArray(),
                Random(nIn * nOut, 1.0).ToImmutableArray(),
                Enumerable.Repeat(1.0, nIn * nOut).ToImmutableArray(),
                ImmutableArray<SymbolicEdge>.Empty,
                Enumerable.Repeat(1.0, nOut).ToImmutableArray(),
                Enumerable.Repeat(0.0, nOut).ToImmutableArray(),
                nOut,
                ImmutableArray<int>.Empty,
                Enumerable.Repeat(1.0, nOut).ToImmutableArray(),
                Enumerable.Repeat(0.0, nOut).ToImmutableArray()));
        }

        var inputs = Enumerable.Range(1, widths[0]).Select(i => "x" + i).ToImmutableArray();
        var outputs = Enumerable.Range(1, widths[widths.Length - 1]).Select(i => "y" + i).ToImmutableArray();
        return new KanModel(inputs, outputs, ImmutableArray<int>.Empty, layers.MoveToImmutable());
    }
}
