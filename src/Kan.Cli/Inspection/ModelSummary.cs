using System;
using System.Linq;

namespace Kan.Cli.Inspection;

/// <summary>Facts about a model that <c>kan inspect</c> reports, computed from the model types alone.</summary>
public static class ModelSummary
{
    /// <summary>pykan's width notation: a layer with multiplication nodes shows <c>[n_sum,n_mult]</c>, e.g. <c>[2, [0,1], 1]</c>.</summary>
    public static string Shape(KanModel model)
    {
        var parts = new string[model.Layers.Length + 1];
        parts[0] = model.Layers[0].InputCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (int l = 0; l < model.Layers.Length; l++)
        {
            KanLayer layer = model.Layers[l];
            parts[l + 1] = layer.MultArity.IsEmpty ? Invariant(layer.OutputCount) : "[" + Invariant(layer.SumCount) + "," + Invariant(layer.MultArity.Length) + "]";
        }

        return "[" + string.Join(", ", parts) + "]";
    }

    /// <summary>Smallest first knot and largest last knot over the layer's inputs.</summary>
    public static (double Min, double Max) KnotRange(KanLayer layer)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (int i = 0; i < layer.InputCount; i++)
        {
            min = Math.Min(min, layer.Knots[layer.KnotOffset(i)]);
            max = Math.Max(max, layer.Knots[layer.KnotOffset(i) + layer.KnotCount - 1]);
        }

        return (min, max);
    }

    /// <summary>
    /// Whether every input's knots are equally spaced (to 1e-9 of the knot span): true for a fresh pykan grid,
    /// false after data-driven grid updates (pykan's <c>update_grid_from_samples</c> with grid_eps &lt; 1).
    /// </summary>
    public static bool KnotsUniform(KanLayer layer)
    {
        for (int i = 0; i < layer.InputCount; i++)
        {
            int o = layer.KnotOffset(i);
            double first = layer.Knots[o], last = layer.Knots[o + layer.KnotCount - 1];
            double step = (last - first) / (layer.KnotCount - 1);
            double tolerance = 1e-9 * Math.Max(Math.Abs(last - first), 1e-300);
            for (int m = 1; m < layer.KnotCount; m++)
            {
                if (Math.Abs(layer.Knots[o + m] - (first + m * step)) > tolerance)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Edges whose numeric (base + spline) branch is switched off by a zero mask.</summary>
    public static int MaskedEdges(KanLayer layer) => layer.Mask.Count(m => m == 0.0);

    /// <summary>
    /// The numbers training adjusts, as pykan counts them per edge: the spline coefficients (G + k), scale_base and
    /// scale_sp, plus the four affine numbers (a, b, c, d) of each symbolic edge.
    /// </summary>
    public static int ParameterCount(KanLayer layer) =>
        layer.Coefficients.Length + layer.ScaleBase.Length + layer.ScaleSpline.Length + 4 * layer.Symbolic.Length;

    public static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Invariant(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
