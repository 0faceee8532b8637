using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace Kan.Runtime.Tests.Formulas;

/// <summary>Random fully symbolic models (multiplication nodes, input ids and normalisation included) with finite values on [-1, 1].</summary>
internal static class RandomSymbolicModels
{
    // Functions that stay finite for any argument the generator produces (|a*x+b| stays moderate).
    public static readonly string[] SafeFunctions = { "x", "x^2", "x^3", "x^4", "sin", "cos", "tanh", "arctan", "gaussian", "exp", "abs", "0" };

    public static KanModel Create(Random rng)
    {
        int originalInputs = rng.Next(1, 4);
        bool useIds = rng.Next(2) == 0;
        int[] ids = useIds ? Enumerable.Range(0, rng.Next(1, originalInputs + 1)).Select(_ => rng.Next(originalInputs)).ToArray() : Array.Empty<int>();
        int width = useIds ? ids.Length : originalInputs;
        int depth = rng.Next(1, 4);
        var layers = ImmutableArray.CreateBuilder<KanLayer>();
        for (int l = 0; l < depth; l++)
        {
            // Small widths: the formula of a layer is repeated in every edge that reads it, so text grows like width^depth.
            int outputs = l == depth - 1 ? rng.Next(1, 3) : rng.Next(1, 3);
            int mult = rng.Next(0, outputs + 1);
            layers.Add(Layer(rng, width, outputs - mult, Enumerable.Range(0, mult).Select(_ => rng.Next(2, 4)).ToArray()));
            width = outputs;
        }

        bool normalise = rng.Next(2) == 0;
        return new KanModel(
            Enumerable.Range(1, originalInputs).Select(i => "x" + i).ToImmutableArray(),
            Enumerable.Range(1, width).Select(i => "y" + i).ToImmutableArray(),
            ids.ToImmutableArray(),
            layers.ToImmutable(),
            inputScale: normalise ? Enumerable.Range(0, originalInputs).Select(_ => Uniform(rng, 0.5, 1.5)).ToImmutableArray() : default,
            inputBias: normalise ? Enumerable.Range(0, originalInputs).Select(_ => Uniform(rng, -0.3, 0.3)).ToImmutableArray() : default);
    }

    private static KanLayer Layer(Random rng, int inputs, int sums, int[] arity)
    {
        int sub = sums + arity.Sum();
        int outputs = sums + arity.Length;
        const int g = 3, k = 3;
        int knotCount = g + 2 * k + 1;
        var knots = new double[inputs * knotCount];
        for (int i = 0; i < inputs; i++)
        {
            for (int m = 0; m < knotCount; m++)
            {
                knots[i * knotCount + m] = -1.0 + (m - k) * (2.0 / g);
            }
        }

        var symbolic = new List<SymbolicEdge>();
        for (int i = 0; i < inputs; i++)
        {
            for (int j = 0; j < sub; j++)
            {
                // Some edges are absent (no symbolic branch) or masked off; every numeric branch is masked off.
                if (rng.Next(6) == 0)
                {
                    continue;
                }

                string fn = SafeFunctions[rng.Next(SafeFunctions.Length)];
                double mask = rng.Next(8) == 0 ? 0.0 : 1.0;
                symbolic.Add(new SymbolicEdge(i, j, fn, Uniform(rng, -1, 1), Uniform(rng, -0.5, 0.5), Uniform(rng, -1, 1), Uniform(rng, -0.5, 0.5), mask));
            }
        }

        return new KanLayer.Builder(new LayerTopology(inputs, sums, arity.ToImmutableArray()))
        {
            K = k,
            BaseFunction = BaseFunction.Silu,
            Knots = knots.ToImmutableArray(),
            Coefficients = Enumerable.Range(0, inputs * sub * (g + k)).Select(_ => Uniform(rng, -1, 1)).ToImmutableArray(),
            ScaleBase = Enumerable.Range(0, inputs * sub).Select(_ => Uniform(rng, -1, 1)).ToImmutableArray(),
            ScaleSpline = Enumerable.Range(0, inputs * sub).Select(_ => Uniform(rng, -1, 1)).ToImmutableArray(),
            Mask = Enumerable.Repeat(0.0, inputs * sub).ToImmutableArray(),
            Symbolic = symbolic.ToImmutableArray(),
            SubnodeScale = Enumerable.Range(0, sub).Select(_ => Uniform(rng, 0.5, 1.2)).ToImmutableArray(),
            SubnodeBias = Enumerable.Range(0, sub).Select(_ => Uniform(rng, -0.3, 0.3)).ToImmutableArray(),
            NodeScale = Enumerable.Range(0, outputs).Select(_ => Uniform(rng, 0.5, 1.2)).ToImmutableArray(),
            NodeBias = Enumerable.Range(0, outputs).Select(_ => Uniform(rng, -0.3, 0.3)).ToImmutableArray(),
        }.Build();
    }

    public static double Uniform(Random rng, double lo, double hi) => lo + (hi - lo) * rng.NextDouble();
}
