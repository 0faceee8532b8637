using System;
using System.Collections.Immutable;
using System.Linq;
using Kan.Generator.Tests.Support;

namespace Kan.Generator.Tests.Equivalence;

/// <summary>
/// The single call's own exponential (<c>CallExp</c>, the silus of the .NET 9+ vector call) against
/// <c>x / (1 + Math.Exp(-x))</c>, lane by lane: a [4,4] layer whose only terms are silu(x_j) on edge (j, j).
/// </summary>
public class SingleCallExpTests
{
    [Fact]
    public void Silu_through_the_single_call_matches_Math_Exp_within_a_few_ulps()
    {
        const int n = 4;
        var identity = Enumerable.Range(0, n * n).Select(e => e / n == e % n ? 1.0 : 0.0).ToImmutableArray();
        KanModel shaped = ShapedModels.Create(new[] { n, n }, g: 3, k: 3, seed: 1);
        KanLayer.Builder builder = shaped.Layers[0].ToBuilder();
        builder.Coefficients = ImmutableArray.CreateRange(new double[shaped.Layers[0].Coefficients.Length]);
        builder.ScaleBase = identity;
        builder.ScaleSpline = identity;
        KanLayer layer = builder.Build();
        var model = new KanModel(shaped.InputNames, shaped.OutputNames, shaped.InputIds, ImmutableArray.Create(layer));
        CompiledModels compiled = CompiledModels.Compile(new[] { model });
        compiled.Sources[0].ShouldContain("CallExp(");
        Action<double[], double[]> predict = compiled.Predict(0);

        var rng = new Random(5);
        var inputs = Enumerable.Range(0, 4000).Select(r => r % 2 == 0 ? (rng.NextDouble() * 2 - 1) * 700 : (rng.NextDouble() * 2 - 1) * 5)
            .Concat(new[] { 0.0, -0.0, 1e-300, -1e-300, 0.34657359027997264, -0.34657359027997264, 707.99, 708.0, 708.01, -707.99, -708.0, -709.0 })
            .ToArray();
        var output = new double[n];
        for (int at = 0; at + n <= inputs.Length; at += n)
        {
            double[] x = inputs.Skip(at).Take(n).ToArray();
            predict(x, output);
            for (int j = 0; j < n; j++)
            {
                double expected = x[j] / (1.0 + Math.Exp(-x[j]));
                double error = Math.Abs(output[j] - expected);
                error.ShouldBeLessThanOrEqualTo(1e-15 * Math.Abs(expected) + 1e-300, "x = " + x[j].ToString("R"));
            }
        }

        // Past exp's overflow: +infinity, -0 or +0, NaN exactly as the scalar expression gives them; just below it
        // (exp(-x) in (709.08, 709.78]) within an absolute 1e-300 of the tiny true value.
        double[] edges = { 709.1, -709.1, -709.5, -709.78, -709.79, -710, -745.2, 745.2, -1e300, 1e300, double.PositiveInfinity, double.NegativeInfinity, double.NaN };
        foreach (double v in edges)
        {
            predict(new[] { v, v, v, v }, output);
            double expected = v / (1.0 + Math.Exp(-v));
            if (double.IsNaN(expected))
            {
                output[0].ShouldBe(double.NaN);
            }
            else
            {
                Math.Abs(output[0] - expected).ShouldBeLessThanOrEqualTo(Math.Max(1e-15 * Math.Abs(expected), 1e-300), "x = " + v.ToString("R"));
            }
        }
    }
}
