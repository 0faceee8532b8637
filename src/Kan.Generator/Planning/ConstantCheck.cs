using System.Collections.Generic;
using Kan;

namespace Kan.Generator.Planning
{
    /// <summary>
    /// The constants every strategy writes as literals of the code's number type (knots, base scales, node and
    /// subnode affines, symbolic constants, input normalisation) must be finite in that type: a double from the file
    /// can overflow a float, and a product the code folds (mask times scale) can overflow either. The first one that
    /// is not is a <see cref="PlanFailure"/> naming the file's value; the strategy-specific constants (polynomial
    /// coefficients, spline tables) are checked where they are planned.
    /// </summary>
    internal static class ConstantCheck
    {
        public static PlanFailure? FirstNonFinite(KanModel model, bool useFloat)
        {
            string reason = NotFinite(useFloat);
            string folded = "times mask " + reason;
            bool Bad(double value) => !Finite(value, useFloat);

            for (int c = 0; c < model.InputScale.Length; c++)
            {
                if (Bad(model.InputScale[c]))
                {
                    return new PlanFailure(reason, "input_normalization", "scale", c);
                }

                if (Bad(model.InputBias[c]))
                {
                    return new PlanFailure(reason, "input_normalization", "bias", c);
                }
            }

            for (int l = 0; l < model.Layers.Length; l++)
            {
                KanLayer layer = model.Layers[l];
                for (int i = 0; i < layer.InputCount; i++)
                {
                    for (int m = 0; m < layer.KnotCount; m++)
                    {
                        if (Bad(layer.Knots[layer.KnotOffset(i) + m]))
                        {
                            return new PlanFailure(reason, "layers", l, "knots", i, m);
                        }
                    }

                    for (int j = 0; j < layer.SubnodeCount; j++)
                    {
                        int e = layer.EdgeIndex(i, j);
                        if (layer.BaseFunction != BaseFunction.Zero && Bad(layer.Mask[e] * layer.ScaleBase[e]))
                        {
                            return new PlanFailure(folded, "layers", l, "scale_base", i, j);
                        }
                    }
                }

                for (int s = 0; s < layer.Symbolic.Length; s++)
                {
                    SymbolicEdge edge = layer.Symbolic[s];
                    string? field = Bad(edge.A) ? "a" : Bad(edge.B) ? "b" : Bad(edge.Mask * edge.C) ? "c" : Bad(edge.Mask * edge.D) ? "d" : null;
                    if (field is not null)
                    {
                        return new PlanFailure(field is "c" or "d" ? folded : reason, "layers", l, "symbolic", s, field);
                    }
                }

                PlanFailure? affine =
                    First(layer.SubnodeScale, useFloat, reason, l, "subnode_scale") ?? First(layer.SubnodeBias, useFloat, reason, l, "subnode_bias") ??
                    First(layer.NodeScale, useFloat, reason, l, "node_scale") ?? First(layer.NodeBias, useFloat, reason, l, "node_bias");
                if (affine is not null)
                {
                    return affine;
                }
            }

            return null;
        }

        /// <summary>What a <see cref="PlanFailure"/> says of such a value.</summary>
        public static string NotFinite(bool useFloat) => "is not finite as " + (useFloat ? "a float" : "a double");

        public static bool Finite(double value, bool useFloat) =>
            !double.IsNaN(value) && !double.IsInfinity(value) && (!useFloat || !float.IsInfinity((float)value));

        /// <summary>The index of the first value not finite in the code's number type, or -1.</summary>
        public static int IndexOfNonFinite(IReadOnlyList<double> values, bool useFloat)
        {
            for (int i = 0; i < values.Count; i++)
            {
                if (!Finite(values[i], useFloat))
                {
                    return i;
                }
            }

            return -1;
        }

        private static PlanFailure? First(IReadOnlyList<double> values, bool useFloat, string reason, int layer, string field)
        {
            int j = IndexOfNonFinite(values, useFloat);
            return j < 0 ? null : new PlanFailure(reason, "layers", layer, field, j);
        }
    }
}
