using System;
using System.Linq;
using Kan.Generator.Model;

namespace Kan.Generator.Planning
{
    /// <summary>
    /// An upper estimate of what the JIT sees in one emitted method, in the five quantities past which it stops
    /// optimising the method (compiles it with MinOpts): IL bytes, IL instructions, references to locals and
    /// arguments, locals (with arguments) and basic blocks. The per-construct costs were measured on compiled
    /// output and rounded up; the size-ladder test checks the estimate stays above the compiled methods.
    /// </summary>
    internal readonly record struct MethodCost(long Bytes, long Instructions, long LocalRefs, long Locals, long Blocks)
    {
        /// <summary>
        /// The JIT's thresholds (DEFAULT_MIN_OPTS_* in dotnet/runtime's jit), with 10% kept back for estimate error.
        /// </summary>
        public static readonly MethodCost Budget = new MethodCost(60000, 20000, 8000, 2000, 2000) * 0.9;

        public static MethodCost operator +(MethodCost a, MethodCost b) =>
            new MethodCost(a.Bytes + b.Bytes, a.Instructions + b.Instructions, a.LocalRefs + b.LocalRefs, a.Locals + b.Locals, a.Blocks + b.Blocks);

        public static MethodCost operator *(MethodCost a, long n) =>
            new MethodCost(a.Bytes * n, a.Instructions * n, a.LocalRefs * n, a.Locals * n, a.Blocks * n);

        public static MethodCost operator *(MethodCost a, double f) =>
            new MethodCost((long)(a.Bytes * f), (long)(a.Instructions * f), (long)(a.LocalRefs * f), (long)(a.Locals * f), (long)(a.Blocks * f));

        /// <summary>Null when <paramref name="cost"/> fits this budget, else why not, naming <paramref name="method"/>.</summary>
        public string? Exceeded(MethodCost cost, string method)
        {
            string? What(long value, long limit, string unit) => value > limit ? method + " would hold about " + value + " " + unit + " (over " + limit + ")" : null;
            string? why = What(cost.Bytes, Bytes, "bytes of IL") ?? What(cost.Instructions, Instructions, "IL instructions") ??
                          What(cost.LocalRefs, LocalRefs, "references to locals") ?? What(cost.Locals, Locals, "locals") ?? What(cost.Blocks, Blocks, "basic blocks");
            return why is null ? null : why + ", past which the JIT would not optimise it";
        }

        /// <summary>The scalar <c>Layer{l}</c> method of an unrolled layer.</summary>
        public static MethodCost Scalar(KanLayer layer, EquatableArray<InputPlan> inputs)
        {
            var cost = Fixed(layer);
            foreach (InputPlan input in inputs)
            {
                int bases = BaseTerms(layer, input.Input);
                cost += (bases > 0 ? BaseFunction : default) + BaseTerm * bases;
                if (input.SplineEdges.Length > 0)
                {
                    cost += SplineInput + Search(input, layer.KnotCount) + SplineEdge(layer.K) * input.SplineEdges.Length;
                }
            }

            return cost;
        }

        /// <summary>The <c>VectorLayer{l}</c> method the batch path adds (four rows per call).</summary>
        public static MethodCost Vector(KanLayer layer, EquatableArray<InputPlan> inputs)
        {
            var cost = Fixed(layer) * 2;
            foreach (InputPlan input in inputs)
            {
                int bases = BaseTerms(layer, input.Input);
                cost += (bases > 0 ? BaseFunction * 2 : default) + VectorBaseTerm * bases;
                if (input.SplineEdges.Length > 0)
                {
                    int knots = layer.KnotCount - 2;
                    MethodCost search = knots <= 16 ? VectorCountedKnot * knots : Search(input, layer.KnotCount) * 4;
                    // The lane-by-lane search declares its own locals in each of four blocks.
                    var locals = new MethodCost(0, 0, 0, knots <= 16 ? 0 : 16, 0);
                    cost += VectorSplineInput + search + locals + VectorEdge(layer.K) * input.SplineEdges.Length;
                }

                int symbolic = layer.Symbolic.Count(e => e.Input == input.Input && e.Mask != 0.0);
                cost += Symbolic * 4 * symbolic + (symbolic > 0 ? new MethodCost(0, 0, 0, 4, 0) : default);
            }

            return cost;
        }

        // Per construct: bytes, instructions, local references, locals, blocks. Measured per edge over k = 1..5 on
        // compiled models (e.g. [8,16,1], k = 3: 92 bytes and 44 instructions per spline edge with its base term in
        // Layer0; 180 bytes, 63 instructions and 4 locals in VectorLayer0) and rounded up; the estimate-bound test
        // (MethodSizeLadderTests) keeps every quantity above the compiled one. A counted knot (`x >= t ? 1 : 0`) is
        // three blocks: older compilers (Roslyn 4.3, Unity's) branch for it where newer ones emit a compare.
        private static readonly MethodCost BaseFunction = new MethodCost(30, 10, 4, 1, 0);
        private static readonly MethodCost BaseTerm = new MethodCost(18, 7, 3, 0, 0);
        private static readonly MethodCost VectorBaseTerm = new MethodCost(26, 7, 3, 0, 0);
        private static readonly MethodCost SplineInput = new MethodCost(80, 30, 12, 5, 6);
        private static readonly MethodCost VectorSplineInput = new MethodCost(240, 90, 36, 15, 0);
        private static readonly MethodCost CountedKnot = new MethodCost(20, 6, 2, 0, 3);
        private static readonly MethodCost VectorCountedKnot = new MethodCost(40, 12, 4, 0, 0);
        private static readonly MethodCost Symbolic = new MethodCost(80, 25, 4, 0, 2);
        private static readonly MethodCost Node = new MethodCost(30, 10, 4, 1, 0);

        // Scalar: the coefficient loads (ldsfld, index, ldelem) dominate.
        private static MethodCost SplineEdge(int k) => new MethodCost(24 + 16 * (k + 1), 6 + 8 * (k + 1), 4 + 5 * (k + 1) / 2, 0, 0);

        // Vector: each operator is a call; Transpose takes four coefficients per call, with four out locals.
        private static MethodCost VectorEdge(int k)
        {
            int loads = (k + 4) / 4;
            return new MethodCost(20 + 44 * (k + 1), 2 + 15 * (k + 1), 3 + 3 * (k + 1) + 10 * loads, 4 * loads, 0);
        }

        private static MethodCost Search(InputPlan input, int count) => input.Search switch
        {
            UniformSearch => new MethodCost(100, 40, 16, 0, 12),
            CountedSearch => CountedKnot * (count - 2),
            KnotGuide guide => new MethodCost(60, 20, 6, 0, 2) + CountedKnot * guide.Reach,
            _ => new MethodCost(80, 30, 16, 1, 8),
        };

        private static MethodCost Fixed(KanLayer layer) =>
            new MethodCost(0, 0, 0, 2 * layer.InputCount + layer.OutputCount + 24, 4) +
            Node * (layer.SubnodeCount + layer.OutputCount) +
            Symbolic * layer.Symbolic.Count(e => e.Mask != 0.0);

        private static int BaseTerms(KanLayer layer, int i) => layer.BaseFunction == Kan.BaseFunction.Zero ? 0 :
            Enumerable.Range(0, layer.SubnodeCount).Count(j => layer.Mask[layer.EdgeIndex(i, j)] != 0.0 && layer.ScaleBase[layer.EdgeIndex(i, j)] != 0.0);
    }
}
