// Shared source: compiled into Kan.Runtime and Kan.Generator.
using System;
using System.Collections.Immutable;
using System.Linq;

namespace Kan
{
    /// <summary>
    /// One KAN layer exactly as pykan's <c>MultKAN</c> computes it, input vector x to output vector:
    /// <list type="number">
    /// <item>every edge (input i, subnode j) adds <c>Mask[i,j] * (ScaleBase[i,j]*b(x_i) + ScaleSpline[i,j]*sum_m Coef[i,j,m]*B_m(x_i))</c>
    /// plus its symbolic branch, if any;</item>
    /// <item>subnode affine <c>SubnodeScale[j]*y_j + SubnodeBias[j]</c>;</item>
    /// <item>the first <see cref="SumCount"/> subnodes pass through, then each multiplication node is the product of
    /// the next <c>MultArity[m]</c> consecutive subnodes;</item>
    /// <item>node affine <c>NodeScale[n]*z_n + NodeBias[n]</c>.</item>
    /// </list>
    /// B-splines have order <see cref="K"/> on each input's own knot vector; every basis function is zero outside
    /// <c>[Knots[i,0], Knots[i,last])</c> (half-open, pykan's <c>B_batch</c>).
    /// Arrays are flat and row-major: knots <c>[in, KnotCount]</c>, coefficients <c>[in, sub, CoefficientCount]</c>,
    /// per-edge arrays <c>[in, sub]</c>.
    /// </summary>
    public sealed class KanLayer : IEquatable<KanLayer>
    {
        public KanLayer(
            int inputCount,
            int k,
            BaseFunction baseFunction,
            ImmutableArray<double> knots,
            ImmutableArray<double> coefficients,
            ImmutableArray<double> scaleBase,
            ImmutableArray<double> scaleSpline,
            ImmutableArray<double> mask,
            ImmutableArray<SymbolicEdge> symbolic,
            ImmutableArray<double> subnodeScale,
            ImmutableArray<double> subnodeBias,
            int sumCount,
            ImmutableArray<int> multArity,
            ImmutableArray<double> nodeScale,
            ImmutableArray<double> nodeBias)
        {
            InputCount = inputCount;
            K = k;
            BaseFunction = baseFunction;
            Knots = knots;
            Coefficients = coefficients;
            ScaleBase = scaleBase;
            ScaleSpline = scaleSpline;
            Mask = mask;
            // Canonical (input, output) order, so equal models compare equal and write the same bytes.
            Symbolic = symbolic.IsDefault ? ImmutableArray<SymbolicEdge>.Empty
                : symbolic.Sort((x, y) => x.Input != y.Input ? x.Input.CompareTo(y.Input) : x.Output.CompareTo(y.Output));
            SubnodeScale = subnodeScale;
            SubnodeBias = subnodeBias;
            SumCount = sumCount;
            MultArity = multArity.IsDefault ? ImmutableArray<int>.Empty : multArity;
            NodeScale = nodeScale;
            NodeBias = nodeBias;

            SubnodeCount = subnodeScale.Length;
            OutputCount = nodeScale.Length;
            KnotCount = inputCount == 0 ? 2 * k + 2 : knots.Length / inputCount;
            Check(k >= 1, "k must be at least 1");
            Check(SumCount + MultArity.Sum() == SubnodeCount, "SumCount + sum(MultArity) must equal the subnode count");
            Check(SumCount + MultArity.Length == OutputCount, "SumCount + MultArity.Length must equal the node count");
            Check(knots.Length == inputCount * KnotCount && KnotCount >= 2 * k + 2, "knots must be [in, G + 2k + 1] with G >= 1");
            Check(coefficients.Length == inputCount * SubnodeCount * CoefficientCount, "coefficients must be [in, sub, G + k]");
            Check(scaleBase.Length == inputCount * SubnodeCount && scaleSpline.Length == scaleBase.Length && mask.Length == scaleBase.Length, "per-edge arrays must be [in, sub]");
            Check(subnodeBias.Length == SubnodeCount && nodeBias.Length == OutputCount, "bias arrays must match their scales");
            foreach (var edge in Symbolic)
            {
                Check(edge.Input >= 0 && edge.Input < inputCount && edge.Output >= 0 && edge.Output < SubnodeCount, "symbolic edges must name an existing input and subnode");
            }
        }

        /// <summary>Number of inputs (pykan <c>in_dim</c>).</summary>
        public int InputCount { get; }

        /// <summary>Number of edge targets: sum nodes plus every multiplication node's operands (pykan <c>out_dim</c>).</summary>
        public int SubnodeCount { get; }

        /// <summary>Number of outputs after multiplication: the next layer's <see cref="InputCount"/>.</summary>
        public int OutputCount { get; }

        /// <summary>Spline order (pykan <c>k</c>; 3 is cubic).</summary>
        public int K { get; }

        /// <summary>Knots per input, G + 2k + 1.</summary>
        public int KnotCount { get; }

        /// <summary>Grid intervals G inside the extension.</summary>
        public int GridIntervals => KnotCount - 2 * K - 1;

        /// <summary>Coefficients per edge, G + k.</summary>
        public int CoefficientCount => KnotCount - K - 1;

        public BaseFunction BaseFunction { get; }

        public ImmutableArray<double> Knots { get; }

        public ImmutableArray<double> Coefficients { get; }

        public ImmutableArray<double> ScaleBase { get; }

        public ImmutableArray<double> ScaleSpline { get; }

        /// <summary>Numeric-branch mask (pykan <c>act_fun.mask</c>); 0 removes the spline and base of an edge.</summary>
        public ImmutableArray<double> Mask { get; }

        /// <summary>Symbolic branches, sorted by (input, output); edges not listed have none.</summary>
        public ImmutableArray<SymbolicEdge> Symbolic { get; }

        public ImmutableArray<double> SubnodeScale { get; }

        public ImmutableArray<double> SubnodeBias { get; }

        /// <summary>Number of leading subnodes that pass through as sum nodes.</summary>
        public int SumCount { get; }

        /// <summary>Arity of each multiplication node, in order.</summary>
        public ImmutableArray<int> MultArity { get; }

        public ImmutableArray<double> NodeScale { get; }

        public ImmutableArray<double> NodeBias { get; }

        public int EdgeIndex(int input, int subnode) => input * SubnodeCount + subnode;

        public int KnotOffset(int input) => input * KnotCount;

        public int CoefficientOffset(int input, int subnode) => EdgeIndex(input, subnode) * CoefficientCount;

        public bool Equals(KanLayer? other) =>
            other is not null && InputCount == other.InputCount && K == other.K && BaseFunction == other.BaseFunction &&
            SumCount == other.SumCount && SequenceEquality.Equal(MultArity, other.MultArity) &&
            SequenceEquality.Equal(Knots, other.Knots) && SequenceEquality.Equal(Coefficients, other.Coefficients) &&
            SequenceEquality.Equal(ScaleBase, other.ScaleBase) && SequenceEquality.Equal(ScaleSpline, other.ScaleSpline) &&
            SequenceEquality.Equal(Mask, other.Mask) && SequenceEquality.Equal(Symbolic, other.Symbolic) &&
            SequenceEquality.Equal(SubnodeScale, other.SubnodeScale) && SequenceEquality.Equal(SubnodeBias, other.SubnodeBias) &&
            SequenceEquality.Equal(NodeScale, other.NodeScale) && SequenceEquality.Equal(NodeBias, other.NodeBias);

        public override bool Equals(object? obj) => Equals(obj as KanLayer);

        public override int GetHashCode() => (InputCount * 31 + SubnodeCount) * 31 + SequenceEquality.Hash(Coefficients);

        private static void Check(bool condition, string message)
        {
            if (!condition)
            {
                throw new ArgumentException("Inconsistent KanLayer: " + message + ".");
            }
        }
    }
}
