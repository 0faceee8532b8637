using System;
using System.Collections.Immutable;
using System.Linq;

namespace Kan.Generator.Tests.Support;

/// <summary>
/// Seeded random spline models of a given shape, grid size and order (silu base, every edge active), for tests that
/// need a size rather than a variety: pykan's default grid on [-1, 1] extended by k knots each side, either
/// uniform or with every knot moved by up to a quarter interval (an adaptive-looking grid the uniform test rejects).
/// </summary>
public static class ShapedModels
{
    public static KanModel Create(int[] widths, int g, int k, int seed, bool uniform = true)
    {
        var rng = new Random(seed);
        ImmutableArray<double> Values(int n, double scale) => Enumerable.Range(0, n).Select(_ => (rng.NextDouble() * 2 - 1) * scale).ToImmutableArray();
        var layers = ImmutableArray.CreateBuilder<KanLayer>(widths.Length - 1);
        for (int l = 0; l + 1 < widths.Length; l++)
        {
            int nIn = widths[l], nOut = widths[l + 1], edges = nIn * nOut;
            double h = 2.0 / g;
            var knots = Enumerable.Range(0, nIn).SelectMany(_ => Enumerable.Range(-k, g + 2 * k + 1)
                .Select(m => -1.0 + m * h + (uniform ? 0.0 : (rng.NextDouble() - 0.5) * 0.5 * h))).ToImmutableArray();
            layers.Add(new KanLayer.Builder(LayerTopology.Sums(nIn, nOut))
            {
                K = k,
                Knots = knots,
                Coefficients = Values(edges * (g + k), 0.5),
                ScaleBase = Values(edges, 1.0),
                ScaleSpline = Values(edges, 1.0),
            }.Build());
        }

        var inputs = Enumerable.Range(1, widths[0]).Select(i => "x" + i).ToImmutableArray();
        var outputs = Enumerable.Range(1, widths[^1]).Select(i => "y" + i).ToImmutableArray();
        return new KanModel(inputs, outputs, ImmutableArray<int>.Empty, layers.MoveToImmutable());
    }
}
