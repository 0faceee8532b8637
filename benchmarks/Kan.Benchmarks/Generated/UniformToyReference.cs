using System;
using System.Runtime.CompilerServices;

namespace Kan.Benchmarks.Generated;

/// <summary>
/// The hand-written reference for single predictions: what a C# developer would write for a <c>[2,5,1]</c> G=5 k=3
/// silu KAN on pykan's default uniform grid ([-1, 1] extended by k knots each side, the same knots on every edge):
/// the interval straight from <c>(x - x0) / h</c>, the uniform cubic B-spline weights, four coefficients per edge,
/// <c>x / (1 + exp(-x))</c>, all inlined, scalar. Nothing depends on the coefficient values, which are read from the
/// model once (each edge's B-spline coefficients times its <c>scale_sp</c>, with k zeros each side so an interval
/// near the ends reads zeros for the basis functions that do not exist).
/// </summary>
public sealed class UniformToyReference
{
    private const int G = 5;
    private const int K = 3;
    private const int Intervals = G + 2 * K;
    private const int Stride = G + 3 * K; // G + k coefficients, k zeros each side
    private const double X0 = -2.2;
    private const double XLast = 2.2;
    private const double InverseStep = 2.5;

    private readonly double[] _spline0; // [input][subnode] edges of layer 0, Stride values each
    private readonly double[] _base0;
    private readonly double[] _spline1;
    private readonly double[] _base1;

    public UniformToyReference(KanModel model)
    {
        if (model.Layers.Length != 2 || model.Widths[0] != 2 || model.Widths[1] != 5 || model.Widths[2] != 1)
        {
            throw new ArgumentException("Expected a [2,5,1] model.", nameof(model));
        }

        foreach (KanLayer layer in model.Layers)
        {
            for (int m = 0; m < layer.Knots.Length; m++)
            {
                double expected = X0 + (m % (Intervals + 1)) / InverseStep;
                if (layer.K != K || layer.KnotCount != Intervals + 1 || Math.Abs(layer.Knots[m] - expected) > 1e-12)
                {
                    throw new ArgumentException("Expected G=5, k=3 on pykan's default uniform grid over [-1, 1].", nameof(model));
                }
            }
        }

        (_spline0, _base0) = Edges(model.Layers[0]);
        (_spline1, _base1) = Edges(model.Layers[1]);
    }

    public double Predict(double x1, double x2)
    {
        double[] c = _spline0, b = _base0;
        double silu1 = Silu(x1), silu2 = Silu(x2);
        int s1 = Basis(x1, out double u0, out double u1, out double u2, out double u3);
        int s2 = Basis(x2, out double v0, out double v1, out double v2, out double v3);
        double h0 = b[0] * silu1 + Spline(c, 0, s1, u0, u1, u2, u3) + b[5] * silu2 + Spline(c, 5, s2, v0, v1, v2, v3);
        double h1 = b[1] * silu1 + Spline(c, 1, s1, u0, u1, u2, u3) + b[6] * silu2 + Spline(c, 6, s2, v0, v1, v2, v3);
        double h2 = b[2] * silu1 + Spline(c, 2, s1, u0, u1, u2, u3) + b[7] * silu2 + Spline(c, 7, s2, v0, v1, v2, v3);
        double h3 = b[3] * silu1 + Spline(c, 3, s1, u0, u1, u2, u3) + b[8] * silu2 + Spline(c, 8, s2, v0, v1, v2, v3);
        double h4 = b[4] * silu1 + Spline(c, 4, s1, u0, u1, u2, u3) + b[9] * silu2 + Spline(c, 9, s2, v0, v1, v2, v3);
        return Edge1(0, h0) + Edge1(1, h1) + Edge1(2, h2) + Edge1(3, h3) + Edge1(4, h4);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Edge1(int input, double x)
    {
        int s = Basis(x, out double w0, out double w1, out double w2, out double w3);
        return _base1[input] * Silu(x) + Spline(_spline1, input, s, w0, w1, w2, w3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Silu(double x) => x / (1.0 + Math.Exp(-x));

    // The interval s of x and the weights of the four cubic B-splines alive on it (all 0 outside [x0, x_last),
    // pykan's support); on interval s they belong to coefficients s-3..s, at s..s+3 in the padded rows.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Basis(double x, out double w0, out double w1, out double w2, out double w3)
    {
        if (!(x >= X0 && x < XLast))
        {
            w0 = w1 = w2 = w3 = 0.0;
            return 0;
        }

        double u = (x - X0) * InverseStep;
        int s = Math.Min((int)u, Intervals - 1);
        double f = u - s, f2 = f * f, f3 = f2 * f, g = 1.0 - f;
        w0 = g * g * g * (1.0 / 6.0);
        w1 = (3.0 * f3 - 6.0 * f2 + 4.0) * (1.0 / 6.0);
        w2 = (-3.0 * f3 + 3.0 * f2 + 3.0 * f + 1.0) * (1.0 / 6.0);
        w3 = f3 * (1.0 / 6.0);
        return s;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Spline(double[] c, int edge, int s, double w0, double w1, double w2, double w3)
    {
        int at = edge * Stride + s;
        return c[at] * w0 + c[at + 1] * w1 + c[at + 2] * w2 + c[at + 3] * w3;
    }

    private static (double[] Spline, double[] Base) Edges(KanLayer layer)
    {
        var spline = new double[layer.InputCount * layer.SubnodeCount * Stride];
        var bases = new double[layer.InputCount * layer.SubnodeCount];
        for (int i = 0; i < layer.InputCount; i++)
        {
            for (int j = 0; j < layer.SubnodeCount; j++)
            {
                int e = layer.EdgeIndex(i, j), row = i * layer.SubnodeCount + j;
                bases[row] = layer.Mask[e] * layer.ScaleBase[e];
                for (int m = 0; m < layer.CoefficientCount; m++)
                {
                    spline[row * Stride + K + m] = layer.Mask[e] * layer.ScaleSpline[e] * layer.Coefficients[layer.CoefficientOffset(i, j) + m];
                }
            }
        }

        return (spline, bases);
    }
}
