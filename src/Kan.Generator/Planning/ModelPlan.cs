using Kan.Generator.Model;

namespace Kan.Generator.Planning
{
    /// <summary>How a model's layers become code.</summary>
    internal enum Strategy
    {
        /// <summary>Straight-line code per layer: per input the knot interval, then one polynomial per spline edge.</summary>
        Unrolled,

        /// <summary>Loops over data tables (knots, B-spline coefficients, scales) decoded once into static arrays.</summary>
        Table,
    }

    /// <summary>
    /// The compile plan of one model: everything the emitter needs beyond the model itself, computed once in the parse
    /// step (after the Regex generator's <c>RegexTree</c> analysis): the strategy and why it was chosen, and per layer
    /// the piecewise polynomials, each input's knot search, the term count and the estimated cost of its methods.
    /// <see cref="Inline"/>: small unrolled models mark Compute and the layers AggressiveInlining; <see cref="VectorRows"/>:
    /// the batch path gets the .NET 9+ vector code (unrolled double models with a spline edge, unless turned off);
    /// <see cref="VectorCall"/>: so does a single call (the same models when inlined and every spline layer has
    /// k &lt;= 3, so that an edge's coefficients fit one <c>Vector256</c>).
    /// Immutable and equatable, so an unchanged model compares equal and the pipeline keeps its output.
    /// </summary>
    internal sealed record ModelPlan(Strategy Strategy, string? TableReason, long Terms, bool Inline, bool VectorRows, bool VectorCall, EquatableArray<LayerPlan> Layers);

    /// <summary>One layer of the plan; <see cref="UnrolledLayerPlan"/> or <see cref="TableLayerPlan"/>.</summary>
    internal abstract record LayerPlan(int Index, KanLayer Layer, long Terms)
    {
        public abstract Strategy Strategy { get; }
    }

    /// <summary>
    /// An unrolled layer: per input its spline edges, knot search and polynomial table, and the estimated cost of the
    /// scalar <c>Layer</c> method and of the vector one (which the batch path may add).
    /// </summary>
    internal sealed record UnrolledLayerPlan(int Index, KanLayer Layer, long Terms, EquatableArray<InputPlan> Inputs, MethodCost Scalar, MethodCost Vector)
        : LayerPlan(Index, Layer, Terms)
    {
        public override Strategy Strategy => Strategy.Unrolled;
    }

    /// <summary>
    /// A table layer: the layer's B-spline coefficients with k zeros before and after (so every edge can read k + 1
    /// coefficients from its interval without bounds logic: out of range the basis value is 0), and per edge
    /// (input-major) the scales <c>mask * scale_sp</c> and <c>mask * scale_base</c> (0 for an edge without that term).
    /// </summary>
    internal sealed record TableLayerPlan(int Index, KanLayer Layer, long Terms, EquatableArray<double> Coefficients, EquatableArray<double> SplineScales, EquatableArray<double> BaseScales)
        : LayerPlan(Index, Layer, Terms)
    {
        public override Strategy Strategy => Strategy.Table;
    }

    /// <summary>
    /// One input of an unrolled layer: the subnodes its spline edges feed (unmasked, non-zero <c>scale_sp</c>), its
    /// knots as the code holds them (padded for the guide table's reads), per knot interval every spline edge's
    /// polynomial (k + 1 coefficients in powers of <c>t = x - t_s</c>, padded to whole vector loads in double mode) and
    /// how the interval is found. Inputs without spline edges have empty tables.
    /// </summary>
    internal sealed record InputPlan(int Input, EquatableArray<int> SplineEdges, EquatableArray<double> Knots, EquatableArray<double> Polynomials, KnotSearch? Search);

    /// <summary>How the generated code finds the knot interval of x (pykan's half-open test, <c>BSplineBasis.FindSpan</c>).</summary>
    internal abstract record KnotSearch;

    /// <summary>Evenly spaced knots: <c>(int)((x - t0) * InverseStep)</c>, then exact correcting comparisons.</summary>
    internal sealed record UniformSearch(double T0, double InverseStep) : KnotSearch;

    /// <summary>Few interior knots: a branch-free count of those at or below x.</summary>
    internal sealed record CountedSearch : KnotSearch;

    /// <summary>No cheaper search applies: bisection over the knots.</summary>
    internal sealed record BinarySearch : KnotSearch;
}
