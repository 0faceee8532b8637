// Shared source: compiled into Kan.Runtime and Kan.Generator.
using System;
using System.Collections.Immutable;

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
    /// per-edge arrays <c>[in, sub]</c>. The wiring (steps 2 to 4) is <see cref="Topology"/>.
    /// Built through <see cref="Builder"/> or <see cref="ToBuilder"/>, where every array is set by its name, not by position.
    /// </summary>
    public sealed partial class KanLayer : IEquatable<KanLayer>
    {
        private KanLayer(Builder b)
        {
            LayerTopology topology = b.Topology;
            Topology = topology;
            K = b.K;
            BaseFunction = b.BaseFunction;
            Knots = Required(b.Knots, nameof(Builder.Knots));
            Coefficients = Required(b.Coefficients, nameof(Builder.Coefficients));
            ScaleBase = Required(b.ScaleBase, nameof(Builder.ScaleBase));
            ScaleSpline = Required(b.ScaleSpline, nameof(Builder.ScaleSpline));
            Mask = b.Mask.IsDefault ? Filled(topology.EdgeCount, 1.0) : b.Mask;
            // Canonical (input, output) order, so equal models compare equal and write the same bytes.
            Symbolic = b.Symbolic.IsDefault ? ImmutableArray<SymbolicEdge>.Empty
                : b.Symbolic.Sort((x, y) => x.Input != y.Input ? x.Input.CompareTo(y.Input) : x.Output.CompareTo(y.Output));
            SubnodeScale = b.SubnodeScale.IsDefault ? Filled(topology.SubnodeCount, 1.0) : b.SubnodeScale;
            SubnodeBias = b.SubnodeBias.IsDefault ? Filled(topology.SubnodeCount, 0.0) : b.SubnodeBias;
            NodeScale = b.NodeScale.IsDefault ? Filled(topology.OutputCount, 1.0) : b.NodeScale;
            NodeBias = b.NodeBias.IsDefault ? Filled(topology.OutputCount, 0.0) : b.NodeBias;

            int inputCount = topology.InputCount;
            KnotCount = inputCount == 0 ? 2 * K + 2 : Knots.Length / inputCount;
            Check(K >= 1, "k must be at least 1");
            Check(Knots.Length == inputCount * KnotCount && KnotCount >= 2 * K + 2, "knots must be [in, G + 2k + 1] with G >= 1");
            Check(Coefficients.Length == topology.EdgeCount * CoefficientCount, "coefficients must be [in, sub, G + k]");
            Check(ScaleBase.Length == topology.EdgeCount && ScaleSpline.Length == ScaleBase.Length && Mask.Length == ScaleBase.Length, "per-edge arrays must be [in, sub]");
            Check(SubnodeScale.Length == SubnodeCount && SubnodeBias.Length == SubnodeCount, "subnode scale and bias must have one value per subnode");
            Check(NodeScale.Length == OutputCount && NodeBias.Length == OutputCount, "node scale and bias must have one value per output");
            foreach (var edge in Symbolic)
            {
                Check(edge.Input >= 0 && edge.Input < inputCount && edge.Output >= 0 && edge.Output < SubnodeCount, "symbolic edges must name an existing input and subnode");
            }
        }

        /// <summary>A builder holding this layer's values, to derive a changed copy.</summary>
        public Builder ToBuilder() => new Builder(Topology)
        {
            K = K,
            BaseFunction = BaseFunction,
            Knots = Knots,
            Coefficients = Coefficients,
            ScaleBase = ScaleBase,
            ScaleSpline = ScaleSpline,
            Mask = Mask,
            Symbolic = Symbolic,
            SubnodeScale = SubnodeScale,
            SubnodeBias = SubnodeBias,
            NodeScale = NodeScale,
            NodeBias = NodeBias,
        };

        /// <summary>The wiring: inputs, subnodes, sum and multiplication nodes.</summary>
        public LayerTopology Topology { get; }

        /// <summary>Number of inputs (pykan <c>in_dim</c>).</summary>
        public int InputCount => Topology.InputCount;

        /// <summary>Number of edge targets: sum nodes plus every multiplication node's operands (pykan <c>out_dim</c>).</summary>
        public int SubnodeCount => Topology.SubnodeCount;

        /// <summary>Number of outputs after multiplication: the next layer's <see cref="InputCount"/>.</summary>
        public int OutputCount => Topology.OutputCount;

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
        public int SumCount => Topology.SumCount;

        /// <summary>Arity of each multiplication node, in order.</summary>
        public ImmutableArray<int> MultArity => Topology.MultArity;

        public ImmutableArray<double> NodeScale { get; }

        public ImmutableArray<double> NodeBias { get; }

        public int EdgeIndex(int input, int subnode) => Topology.EdgeIndex(input, subnode);

        public int KnotOffset(int input) => input * KnotCount;

        public int CoefficientOffset(int input, int subnode) => EdgeIndex(input, subnode) * CoefficientCount;

        public bool Equals(KanLayer? other) =>
            other is not null && Topology.Equals(other.Topology) && K == other.K && BaseFunction == other.BaseFunction &&
            SequenceEquality.Equal(Knots, other.Knots) && SequenceEquality.Equal(Coefficients, other.Coefficients) &&
            SequenceEquality.Equal(ScaleBase, other.ScaleBase) && SequenceEquality.Equal(ScaleSpline, other.ScaleSpline) &&
            SequenceEquality.Equal(Mask, other.Mask) && SequenceEquality.Equal(Symbolic, other.Symbolic) &&
            SequenceEquality.Equal(SubnodeScale, other.SubnodeScale) && SequenceEquality.Equal(SubnodeBias, other.SubnodeBias) &&
            SequenceEquality.Equal(NodeScale, other.NodeScale) && SequenceEquality.Equal(NodeBias, other.NodeBias);

        public override bool Equals(object? obj) => Equals(obj as KanLayer);

        public override int GetHashCode() => (InputCount * 31 + SubnodeCount) * 31 + SequenceEquality.Hash(Coefficients);

        private static ImmutableArray<double> Required(ImmutableArray<double> values, string name) =>
            values.IsDefault ? throw new ArgumentException("Inconsistent KanLayer: " + name + " was not set.") : values;

        private static ImmutableArray<double> Filled(int count, double value)
        {
            var b = ImmutableArray.CreateBuilder<double>(count);
            for (int i = 0; i < count; i++)
            {
                b.Add(value);
            }

            return b.MoveToImmutable();
        }

        private static void Check(bool condition, string message)
        {
            if (!condition)
            {
                throw new ArgumentException("Inconsistent KanLayer: " + message + ".");
            }
        }
    }
}
