// Shared source: compiled into Kan.Runtime and Kan.Generator.
using System;
using System.Collections.Immutable;

namespace Kan
{
    /// <summary>
    /// How one MultKAN layer is wired (pykan <c>MultKAN</c>, kan/MultKAN.py): every input feeds every subnode through
    /// an edge; the first <see cref="SumCount"/> subnodes pass through as sum nodes; then each multiplication node
    /// takes the next <c>MultArity[m]</c> consecutive subnodes. Every consumer (evaluator, training, emitters,
    /// formulas, plots, attribution) reads the wiring from here instead of re-deriving it.
    /// <para>
    /// The node arithmetic, in pykan's order, is: edge sums <c>y_j</c>; subnode affine
    /// <c>z_j = SubnodeScale[j] * y_j + SubnodeBias[j]</c>; node value <c>NodeScale[n] * p_n + NodeBias[n]</c>, where
    /// <c>p_n</c> is the product of node n's operands taken left to right (<see cref="Operands"/>; a sum node has one
    /// operand, so its product is that operand). <see cref="ApplyAffine"/>, <see cref="Product"/> and
    /// <see cref="EvaluateNodes"/> compute it in double; text and expression builders walk <see cref="Operands"/>.
    /// </para>
    /// </summary>
    public sealed class LayerTopology : IEquatable<LayerTopology>
    {
        // Node n's operands are subnodes [_firstOperand[n], _firstOperand[n + 1]).
        private readonly int[] _firstOperand;
        private readonly int[] _nodeOfSubnode;

        /// <param name="inputCount">Layer inputs (pykan <c>in_dim</c>); at least 0.</param>
        /// <param name="sumCount">Leading sum nodes; at least 0.</param>
        /// <param name="multArity">Arity of each multiplication node, in order; each at least 2. Default means none.</param>
        public LayerTopology(int inputCount, int sumCount, ImmutableArray<int> multArity)
        {
            if (inputCount < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(inputCount), "A layer cannot have " + inputCount + " inputs.");
            }

            if (sumCount < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(sumCount), "A layer cannot have " + sumCount + " sum nodes.");
            }

            InputCount = inputCount;
            SumCount = sumCount;
            MultArity = multArity.IsDefault ? ImmutableArray<int>.Empty : multArity;
            OutputCount = sumCount + MultArity.Length;
            _firstOperand = new int[OutputCount + 1];
            for (int n = 0; n < sumCount; n++)
            {
                _firstOperand[n + 1] = n + 1;
            }

            for (int m = 0; m < MultArity.Length; m++)
            {
                if (MultArity[m] < 2)
                {
                    throw new ArgumentException("Multiplication node " + m + " has arity " + MultArity[m] + "; a multiplication node needs at least 2 operands.", nameof(multArity));
                }

                _firstOperand[sumCount + m + 1] = _firstOperand[sumCount + m] + MultArity[m];
            }

            SubnodeCount = _firstOperand[OutputCount];
            _nodeOfSubnode = new int[SubnodeCount];
            for (int n = 0; n < OutputCount; n++)
            {
                for (int j = _firstOperand[n]; j < _firstOperand[n + 1]; j++)
                {
                    _nodeOfSubnode[j] = n;
                }
            }
        }

        /// <summary>A layer of sum nodes only (pykan's plain KAN layer).</summary>
        public static LayerTopology Sums(int inputCount, int outputCount) => new LayerTopology(inputCount, outputCount, ImmutableArray<int>.Empty);

        /// <summary>Number of inputs (pykan <c>in_dim</c>).</summary>
        public int InputCount { get; }

        /// <summary>Number of leading subnodes that pass through as sum nodes.</summary>
        public int SumCount { get; }

        /// <summary>Arity of each multiplication node, in order (pykan <c>mult_arity</c>).</summary>
        public ImmutableArray<int> MultArity { get; }

        /// <summary>Number of edge targets: sum nodes plus every multiplication node's operands (pykan <c>out_dim</c>).</summary>
        public int SubnodeCount { get; }

        /// <summary>Number of nodes after multiplication: the next layer's <see cref="InputCount"/>.</summary>
        public int OutputCount { get; }

        /// <summary>Edges, one per (input, subnode): the length of every per-edge array.</summary>
        public int EdgeCount => InputCount * SubnodeCount;

        /// <summary>Index of edge (input, subnode) in the row-major <c>[in, sub]</c> per-edge arrays.</summary>
        public int EdgeIndex(int input, int subnode) => input * SubnodeCount + subnode;

        /// <summary>Whether node <paramref name="node"/> multiplies its operands (false for a sum node).</summary>
        public bool IsMultiplication(int node) => node >= SumCount;

        /// <summary>The subnodes node <paramref name="node"/> reads: itself for a sum node, its consecutive operands for a multiplication node.</summary>
        public SubnodeRange Operands(int node) => new SubnodeRange(_firstOperand[node], _firstOperand[node + 1] - _firstOperand[node]);

        /// <summary>The node that subnode <paramref name="subnode"/> feeds.</summary>
        public int NodeOf(int subnode) => _nodeOfSubnode[subnode];

        /// <summary>In place <c>values[j] = scale[j] * values[j] + bias[j]</c>: the subnode affine, or any per-element affine.</summary>
        public static void ApplyAffine(ReadOnlySpan<double> scale, ReadOnlySpan<double> bias, Span<double> values)
        {
            for (int j = 0; j < values.Length; j++)
            {
                values[j] = scale[j] * values[j] + bias[j];
            }
        }

        /// <summary>The product of node <paramref name="node"/>'s operands, left to right (the operand itself for a sum node).</summary>
        public double Product(ReadOnlySpan<double> subnodes, int node)
        {
            int first = _firstOperand[node], end = _firstOperand[node + 1];
            double product = subnodes[first];
            for (int o = first + 1; o < end; o++)
            {
                product *= subnodes[o];
            }

            return product;
        }

        /// <summary>
        /// The product of node <paramref name="node"/>'s operands other than <paramref name="skipped"/>, left to right
        /// (1 for a sum node): the derivative of <see cref="Product"/> with respect to that operand, exact when another operand is zero.
        /// </summary>
        public double ProductWithout(ReadOnlySpan<double> subnodes, int node, int skipped)
        {
            double product = 1.0;
            for (int o = _firstOperand[node]; o < _firstOperand[node + 1]; o++)
            {
                if (o != skipped)
                {
                    product *= subnodes[o];
                }
            }

            return product;
        }

        /// <summary>
        /// The node step after the subnode affine: <c>nodes[n] = nodeScale[n] * Product(subnodes, n) + nodeBias[n]</c>.
        /// </summary>
        public void EvaluateNodes(ReadOnlySpan<double> subnodes, ReadOnlySpan<double> nodeScale, ReadOnlySpan<double> nodeBias, Span<double> nodes)
        {
            for (int n = 0; n < OutputCount; n++)
            {
                nodes[n] = nodeScale[n] * Product(subnodes, n) + nodeBias[n];
            }
        }

        public bool Equals(LayerTopology? other) =>
            other is not null && InputCount == other.InputCount && SumCount == other.SumCount && SequenceEquality.Equal(MultArity, other.MultArity);

        public override bool Equals(object? obj) => Equals(obj as LayerTopology);

        public override int GetHashCode() => (InputCount * 31 + SumCount) * 31 + SequenceEquality.Hash(MultArity);

        public override string ToString() =>
            InputCount + " -> " + SumCount + " sums" + (MultArity.IsEmpty ? string.Empty : " + " + MultArity.Length + " products (arity " + string.Join(", ", MultArity) + ")");
    }
}
