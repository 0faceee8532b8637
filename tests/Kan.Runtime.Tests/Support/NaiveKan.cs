using System;
using System.Linq;

namespace Kan.Runtime.Tests.Support;

/// <summary>
/// A deliberately naive, independent KAN evaluator that the optimised <c>KanEvaluator</c> is checked against.
/// It shares nothing with the runtime but the model type: every basis function is computed by the plain
/// Cox–de Boor recursion over the whole knot vector, in IEEE arithmetic, followed by <c>nan_to_num</c> at every
/// order, exactly as pykan's <c>B_batch</c> (kan/spline.py, v0.2.x) does; every edge is visited in dense loops; the
/// symbolic branch calls <see cref="Math"/> directly from each name's pykan definition (kan/utils.py SYMBOLIC_LIB);
/// subnode affine, multiplication nodes and node affine follow <c>MultKAN.forward</c>. Linkable from other test
/// projects (it uses only <c>KanModel</c>/<c>KanLayer</c>).
/// </summary>
public static class NaiveKan
{
    /// <param name="reverseSums">Add every sum's terms in the opposite order: an equally correct evaluation whose
    /// disagreement with the forward order measures how much rounding a model amplifies (TableModeTests).</param>
    public static double[] Evaluate(KanModel model, double[] input, bool reverseSums = false)
    {
        if (input.Length != model.InputNames.Length)
        {
            throw new ArgumentException("wrong input length");
        }

        // pykan applies normalisation to the caller's columns (Kan's addition), then x = x[:, input_id].
        int width = model.InputIds.IsEmpty ? model.InputNames.Length : model.InputIds.Length;
        var x = new double[width];
        for (int i = 0; i < width; i++)
        {
            int c = model.InputIds.IsEmpty ? i : model.InputIds[i];
            x[i] = model.InputScale.IsEmpty ? input[c] : model.InputScale[c] * input[c] + model.InputBias[c];
        }

        foreach (KanLayer layer in model.Layers)
        {
            x = Layer(layer, x, reverseSums);
        }

        return x;
    }

    /// <summary>One layer: MultKAN.forward's numeric + symbolic sums, subnode affine, multiplication, node affine.</summary>
    public static double[] Layer(KanLayer layer, double[] x, bool reverseSums = false)
    {
        int nIn = layer.InputCount;
        int nSub = layer.SubnodeScale.Length;
        int nOut = layer.NodeScale.Length;
        int knotCount = layer.Knots.Length / nIn;
        int nBasis = knotCount - layer.K - 1;
        var numeric = new double[nSub];
        for (int step = 0; step < nIn; step++)
        {
            int i = reverseSums ? nIn - 1 - step : step;
            double[] t = layer.Knots.Skip(i * knotCount).Take(knotCount).ToArray();
            var basis = new double[nBasis];
            for (int m = 0; m < nBasis; m++)
            {
                basis[m] = Basis(t, m, layer.K, x[i]);
            }

            for (int j = 0; j < nSub; j++)
            {
                int e = i * nSub + j;
                double spline = 0.0;
                for (int n = 0; n < nBasis; n++)
                {
                    int m = reverseSums ? nBasis - 1 - n : n;
                    spline += layer.Coefficients[e * nBasis + m] * basis[m];
                }

                numeric[j] += layer.Mask[e] * (layer.ScaleBase[e] * Base(layer.BaseFunction, x[i]) + layer.ScaleSpline[e] * spline);
            }
        }

        var symbolic = new double[nSub];
        foreach (SymbolicEdge s in reverseSums ? Enumerable.Reverse(layer.Symbolic) : layer.Symbolic.AsEnumerable())
        {
            symbolic[s.Output] += s.Mask * (s.C * Function(s.Function, s.A * x[s.Input] + s.B) + s.D);
        }

        var sub = new double[nSub];
        for (int j = 0; j < nSub; j++)
        {
            sub[j] = layer.SubnodeScale[j] * (numeric[j] + symbolic[j]) + layer.SubnodeBias[j];
        }

        var nodes = new double[nOut];
        for (int n = 0; n < layer.SumCount; n++)
        {
            nodes[n] = sub[n];
        }

        int next = layer.SumCount;
        for (int m = 0; m < layer.MultArity.Length; m++)
        {
            double product = 1.0;
            for (int a = 0; a < layer.MultArity[m]; a++)
            {
                product *= sub[next++];
            }

            nodes[layer.SumCount + m] = product;
        }

        for (int n = 0; n < nOut; n++)
        {
            nodes[n] = layer.NodeScale[n] * nodes[n] + layer.NodeBias[n];
        }

        return nodes;
    }

    /// <summary>
    /// B_{i,p}(x) on knots t, pykan's B_batch: order 0 is the half-open indicator t[i] &lt;= x &lt; t[i+1]; order p is
    /// the Cox–de Boor combination computed in IEEE doubles (a zero-width span yields inf*0 or 0/0 = NaN), then
    /// torch.nan_to_num (NaN -> 0, +-inf -> +-max).
    /// </summary>
    public static double Basis(double[] t, int i, int p, double x)
    {
        if (p == 0)
        {
            return t[i] <= x && x < t[i + 1] ? 1.0 : 0.0;
        }

        double value = (x - t[i]) / (t[i + p] - t[i]) * Basis(t, i, p - 1, x)
            + (t[i + p + 1] - x) / (t[i + p + 1] - t[i + 1]) * Basis(t, i + 1, p - 1, x);
        return NanToNum(value);
    }

    public static double NanToNum(double v) =>
        double.IsNaN(v) ? 0.0 : double.IsPositiveInfinity(v) ? double.MaxValue : double.IsNegativeInfinity(v) ? double.MinValue : v;

    /// <summary>pykan's base functions: torch.nn.SiLU = x * sigmoid(x), identity, zero.</summary>
    public static double Base(BaseFunction f, double x) => f switch
    {
        BaseFunction.Silu => x * (1.0 / (1.0 + Math.Exp(-x))),
        BaseFunction.Identity => x,
        _ => 0.0,
    };

    /// <summary>SYMBOLIC_LIB (kan/utils.py) written from its torch definitions.</summary>
    public static double Function(string name, double x) => name switch
    {
        "x" => x,
        "x^2" => Math.Pow(x, 2),
        "x^3" => Math.Pow(x, 3),
        "x^4" => Math.Pow(x, 4),
        "x^5" => Math.Pow(x, 5),
        "1/x" => 1.0 / x,
        "1/x^2" => 1.0 / Math.Pow(x, 2),
        "1/x^3" => 1.0 / Math.Pow(x, 3),
        "1/x^4" => 1.0 / Math.Pow(x, 4),
        "1/x^5" => 1.0 / Math.Pow(x, 5),
        "sqrt" or "x^0.5" => Math.Sqrt(x),
        "x^1.5" => Math.Pow(Math.Sqrt(x), 3),
        "1/sqrt(x)" or "1/x^0.5" => 1.0 / Math.Sqrt(x),
        "exp" => Math.Exp(x),
        "log" => Math.Log(x),
        "abs" => Math.Abs(x),
        "sin" => Math.Sin(x),
        "cos" => Math.Cos(x),
        "tan" => Math.Tan(x),
        "tanh" => Math.Tanh(x),
        "sgn" => Math.Sign(x),
        "arcsin" => Math.Asin(x),
        "arccos" => Math.Acos(x),
        "arctan" => Math.Atan(x),
        "arctanh" => Math.Atanh(x),
        "0" => x * 0.0,
        "gaussian" => Math.Exp(-Math.Pow(x, 2)),
        _ => throw new ArgumentException("not in SYMBOLIC_LIB: " + name),
    };
}
