using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Kan.Generator.Model;

namespace Kan.Generator.Planning
{
    /// <summary>
    /// Decides how a model becomes code and does every computation that needs: the strategy, the spline polynomials,
    /// the knot searches, the size of the methods. The emitter only formats the result.
    /// </summary>
    internal static class ModelPlanner
    {
        /// <summary>Unrolled models up to this many spline terms mark Compute and the layers AggressiveInlining.</summary>
        public const int InlineThreshold = 2048;

        // Up to this many interior knots a branch-free count beats the guide table's dependent loads; past it the
        // table wins (measured on the toy model at G = 5 and 20: docs/benchmarks.md).
        private const int CountedKnots = 12;

        /// <summary>
        /// The plan for <paramref name="model"/>, or null with <paramref name="uncompilable"/> saying why no strategy
        /// can compile it exactly (a constant the code's number type cannot hold) and where that constant is.
        /// </summary>
        public static ModelPlan? Plan(KanModel model, bool useFloat, bool vectorBatch, long tableThreshold, out PlanFailure? uncompilable)
        {
            uncompilable = ConstantCheck.FirstNonFinite(model, useFloat);
            if (uncompilable is not null)
            {
                return null;
            }

            long terms = model.Layers.Sum(CountTerms);
            string? reason = terms > tableThreshold
                ? Invariant(terms) + " spline polynomial terms, more than the threshold of " + Invariant(tableThreshold) + " (KanTableModeThreshold)"
                : null;
            bool vectorRows = vectorBatch && !useFloat && model.Layers.Any(HasSplines);
            if (reason is null)
            {
                var layers = new LayerPlan[model.Layers.Length];
                for (int l = 0; l < layers.Length && reason is null; l++)
                {
                    var plan = PlanUnrolled(model.Layers[l], l, useFloat, out reason);
                    if (plan is not null)
                    {
                        layers[l] = plan;
                        reason = MethodCost.Budget.Exceeded(plan.Scalar, "layer " + l + "'s method");
                    }
                }

                if (reason is null)
                {
                    // A vector layer (about twice the scalar one) too large for the JIT costs only the batch path:
                    // batches then run the scalar code, which is still faster than tables.
                    bool vectorFits = layers.All(layer => MethodCost.Budget.Exceeded(((UnrolledLayerPlan)layer).Vector, "vector") is null);
                    // One call in vectors: inlined models only (their methods are far inside the JIT's budget), and
                    // k <= 3 so that an edge's polynomial is one Vector256 of coefficients.
                    bool inline = terms <= InlineThreshold;
                    bool vectorCall = vectorRows && inline && model.Layers.All(layer => !HasSplines(layer) || layer.K <= 3);
                    return new ModelPlan(Strategy.Unrolled, null, terms, inline, vectorRows && vectorFits, vectorCall, new EquatableArray<LayerPlan>(layers));
                }
            }

            var tables = new LayerPlan[model.Layers.Length];
            for (int l = 0; l < tables.Length; l++)
            {
                TableLayerPlan? plan = PlanTable(model.Layers[l], l, useFloat, out uncompilable);
                if (plan is null)
                {
                    return null;
                }

                tables[l] = plan;
            }

            return new ModelPlan(Strategy.Table, reason, terms, false, false, false, new EquatableArray<LayerPlan>(tables));
        }

        /// <summary>Spline polynomial terms a layer holds unrolled: active spline edges x knot intervals x (k + 1).</summary>
        public static long CountTerms(KanLayer layer)
        {
            long active = 0;
            for (int e = 0; e < layer.Mask.Length; e++)
            {
                if (layer.Mask[e] != 0.0 && layer.ScaleSpline[e] != 0.0)
                {
                    active++;
                }
            }

            return active * (layer.KnotCount - 1) * (layer.K + 1);
        }

        /// <summary>Whether the layer has an edge with a spline to add (unmasked, non-zero <c>scale_sp</c>).</summary>
        public static bool HasSplines(KanLayer layer) => Enumerable.Range(0, layer.Mask.Length).Any(e => layer.Mask[e] * layer.ScaleSpline[e] != 0.0);

        private static UnrolledLayerPlan? PlanUnrolled(KanLayer layer, int index, bool useFloat, out string? notFinite)
        {
            notFinite = null;
            var inputs = new InputPlan[layer.InputCount];
            for (int i = 0; i < layer.InputCount; i++)
            {
                InputPlan? input = PlanInput(layer, i, useFloat);
                if (input is null)
                {
                    notFinite = "the polynomial form of layer " + index + ", input " + i + " has a coefficient " + (useFloat ? "a float" : "a double") +
                                " cannot hold (the power-basis factors of its knot intervals times its B-spline coefficients overflow)";
                    return null;
                }

                inputs[i] = input;
            }

            var plans = new EquatableArray<InputPlan>(inputs);
            return new UnrolledLayerPlan(index, layer, CountTerms(layer), plans, MethodCost.Scalar(layer, plans), MethodCost.Vector(layer, plans));
        }

        // Null when a polynomial coefficient is not finite in the code's number type.
        private static InputPlan? PlanInput(KanLayer layer, int i, bool useFloat)
        {
            int[] edges = Enumerable.Range(0, layer.SubnodeCount).Where(j => layer.Mask[layer.EdgeIndex(i, j)] * layer.ScaleSpline[layer.EdgeIndex(i, j)] != 0.0).ToArray();
            if (edges.Length == 0)
            {
                return new InputPlan(i, default, default, default, null);
            }

            int offset = layer.KnotOffset(i), count = layer.KnotCount, k = layer.K;
            var polys = new List<double>();
            for (int s = 0; s + 1 < count; s++)
            {
                bool nonEmpty = layer.Knots[offset + s + 1] > layer.Knots[offset + s];
                double[][]? basis = nonEmpty ? SplinePolynomials.Basis(layer.Knots, offset, count, k, s) : null;
                foreach (int j in edges)
                {
                    int e = layer.EdgeIndex(i, j);
                    double[] poly = basis is null
                        ? new double[k + 1]
                        : SplinePolynomials.Combine(basis, layer.Coefficients, layer.CoefficientOffset(i, j), layer.CoefficientCount, k, s, layer.Mask[e] * layer.ScaleSpline[e]);
                    if (!poly.All(v => ConstantCheck.Finite(v, useFloat)))
                    {
                        return null;
                    }

                    polys.AddRange(poly);
                }
            }

            // The vector batch path (double models) reads coefficients four at a time: whole loads stay inside.
            if (!useFloat)
            {
                polys.AddRange(new double[(4 - (k + 1) % 4) % 4]);
            }

            KnotSearch search = Search(layer, i, useFloat);
            // With a guide table the comparisons may read up to Reach knots past the interval; they read copies
            // of t_last, which x is below, so they never count.
            int pad = search is KnotGuide guide ? Math.Max(0, guide.Guide.Max() + guide.Reach - (count - 1)) : 0;
            double last = layer.Knots[offset + count - 1];
            double[] knots = Enumerable.Range(offset, count).Select(m => layer.Knots[m]).Concat(Enumerable.Repeat(last, pad)).ToArray();
            return new InputPlan(i, new EquatableArray<int>(edges), new EquatableArray<double>(knots), new EquatableArray<double>(polys.ToArray()), search);
        }

        private static KnotSearch Search(KanLayer layer, int i, bool useFloat)
        {
            int offset = layer.KnotOffset(i), count = layer.KnotCount;
            // The searches' own constants (1/h, the guide's scale) are literals too: only where the type holds them.
            double h = (layer.Knots[offset + count - 1] - layer.Knots[offset]) / (count - 1);
            if (SplinePolynomials.IsUniform(layer.Knots, offset, count) && ConstantCheck.Finite(1.0 / h, useFloat))
            {
                return new UniformSearch(layer.Knots[offset], 1.0 / h);
            }

            if (count - 2 <= CountedKnots)
            {
                return new CountedSearch();
            }

            // The guide is built on the knots as the generated code holds them (rounded to float in float mode).
            var knots = new double[count];
            for (int m = 0; m < count; m++)
            {
                double v = layer.Knots[offset + m];
                knots[m] = useFloat ? (float)v : v;
            }

            KnotGuide? guide = KnotGuide.TryCreate(knots);
            return guide is not null && ConstantCheck.Finite(guide.Scale, useFloat) ? guide : new BinarySearch();
        }

        private static TableLayerPlan? PlanTable(KanLayer layer, int index, bool useFloat, out PlanFailure? uncompilable)
        {
            var spline = new double[layer.Mask.Length];
            var bases = new double[layer.Mask.Length];
            for (int e = 0; e < spline.Length; e++)
            {
                spline[e] = layer.Mask[e] * layer.ScaleSpline[e];
                bases[e] = layer.BaseFunction == BaseFunction.Zero ? 0.0 : layer.Mask[e] * layer.ScaleBase[e];
            }

            // ConstantCheck has passed the knots and base scales; the spline tables can still overflow: a folded
            // product or float rounding. The failure names the file's value: scale_sp[i][j] or coef[i][j][m].
            string reason = ConstantCheck.NotFinite(useFloat);
            int n = layer.SubnodeCount, c = layer.CoefficientCount;
            int e1 = ConstantCheck.IndexOfNonFinite(spline, useFloat), e2 = ConstantCheck.IndexOfNonFinite(layer.Coefficients, useFloat);
            uncompilable =
                e1 >= 0 ? new PlanFailure("times mask " + reason, "layers", index, "scale_sp", e1 / n, e1 % n) :
                e2 >= 0 ? new PlanFailure(reason, "layers", index, "coef", e2 / c / n, e2 / c % n, e2 % c) : null;
            if (uncompilable is not null)
            {
                return null;
            }

            var padding = new double[layer.K];
            double[] coefficients = padding.Concat(layer.Coefficients).Concat(padding).ToArray();
            return new TableLayerPlan(index, layer, CountTerms(layer), new EquatableArray<double>(coefficients), new EquatableArray<double>(spline), new EquatableArray<double>(bases));
        }

        private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
