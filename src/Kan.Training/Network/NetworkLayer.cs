using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Kan.Symbolic;

namespace Kan.Training
{
    /// <summary>
    /// One trainable layer: pykan's <c>KANLayer</c> (numeric branch) plus <c>Symbolic_KANLayer</c> (symbolic branch)
    /// plus the MultKAN node/subnode affines. Its values are read-only views here, laid out exactly like
    /// <see cref="KanLayer"/>: knots <c>[in, G+2k+1]</c>, coefficients <c>[in, sub, G+k]</c>, per-edge arrays
    /// <c>[in, sub]</c> (pykan's symbolic arrays are <c>[out, in]</c>; here every per-edge array is <c>[in, sub]</c>).
    /// They change only through <see cref="KanNetwork"/>'s operations (fit, grid update, prune, symbolic fixing).
    /// </summary>
    public sealed class NetworkLayer
    {
        internal NetworkLayer(LayerTopology topology, int k, int grid, BaseFunction baseFunction)
        {
            Topology = topology;
            K = k;
            GridIntervals = grid;
            BaseFunction = baseFunction;
            Arrays = new LayerArrays(topology, KnotCount, CoefficientCount);
        }

        /// <summary>The wiring: inputs, subnodes, sum and multiplication nodes.</summary>
        public LayerTopology Topology { get; }

        public int InputCount => Topology.InputCount;

        /// <summary>Edge targets: sum nodes plus every mult node's operands (pykan <c>width_out</c>).</summary>
        public int SubnodeCount => Topology.SubnodeCount;

        /// <summary>Nodes after multiplication (pykan <c>width_in</c> of the next layer).</summary>
        public int OutputCount => Topology.OutputCount;

        public int SumCount => Topology.SumCount;

        public ImmutableArray<int> MultArity => Topology.MultArity;

        public int K { get; }

        public int GridIntervals { get; }

        public int KnotCount => GridIntervals + 2 * K + 1;

        public int CoefficientCount => GridIntervals + K;

        public BaseFunction BaseFunction { get; }

        /// <summary>Knots, <c>[in, KnotCount]</c>.</summary>
        public ReadOnlySpan<double> Knots => Arrays.Knots;

        /// <summary>Spline coefficients, <c>[in, sub, CoefficientCount]</c>.</summary>
        public ReadOnlySpan<double> Coefficients => Arrays.Coefficients;

        public ReadOnlySpan<double> ScaleBase => Arrays.ScaleBase;

        public ReadOnlySpan<double> ScaleSpline => Arrays.ScaleSpline;

        /// <summary>Numeric mask (pykan <c>act_fun.mask</c>).</summary>
        public ReadOnlySpan<double> Mask => Arrays.Mask;

        /// <summary>Symbolic function name per edge; "0" when none was set (pykan's default).</summary>
        public ReadOnlySpan<string> SymbolicNames => Arrays.SymbolicNames;

        public ReadOnlySpan<double> SymbolicA => Arrays.SymbolicA;

        public ReadOnlySpan<double> SymbolicB => Arrays.SymbolicB;

        public ReadOnlySpan<double> SymbolicC => Arrays.SymbolicC;

        public ReadOnlySpan<double> SymbolicD => Arrays.SymbolicD;

        /// <summary>Symbolic mask (pykan <c>symbolic_fun.mask</c>, transposed to [in, sub]).</summary>
        public ReadOnlySpan<double> SymbolicMask => Arrays.SymbolicMask;

        public ReadOnlySpan<double> SubnodeScale => Arrays.SubnodeScale;

        public ReadOnlySpan<double> SubnodeBias => Arrays.SubnodeBias;

        public ReadOnlySpan<double> NodeScale => Arrays.NodeScale;

        public ReadOnlySpan<double> NodeBias => Arrays.NodeBias;

        /// <summary>The values behind the views, for training, grid updates, pruning and symbolic fixing.</summary>
        internal LayerArrays Arrays { get; }

        public int EdgeIndex(int input, int subnode) => Topology.EdgeIndex(input, subnode);

        public ReadOnlySpan<double> KnotsOf(int input) => Knots.Slice(input * KnotCount, KnotCount);

        internal void SetSymbolicFunction(int edge, SymbolicFunction function)
        {
            Arrays.SymbolicFunctions[edge] = function;
            Arrays.SymbolicNames[edge] = function.Name;
        }

        internal bool AnySymbolic()
        {
            foreach (double m in SymbolicMask)
            {
                if (m != 0.0)
                {
                    return true;
                }
            }

            return false;
        }

        internal NetworkLayer Clone()
        {
            var c = new NetworkLayer(Topology, K, GridIntervals, BaseFunction);
            Array.Copy(Arrays.Knots, c.Arrays.Knots, Arrays.Knots.Length);
            Array.Copy(Arrays.Coefficients, c.Arrays.Coefficients, Arrays.Coefficients.Length);
            Arrays.CopyEdgeStateTo(c.Arrays);
            return c;
        }

        /// <summary>A copy with another grid size: everything but knots and coefficients, which are left for a refit.</summary>
        internal NetworkLayer WithGrid(int grid)
        {
            var c = new NetworkLayer(Topology, K, grid, BaseFunction);
            Arrays.CopyEdgeStateTo(c.Arrays);
            return c;
        }

        /// <summary>
        /// pykan <c>KANLayer.get_subset</c> plus the symbolic layer's and the affines' subsets: the layer restricted to
        /// the given inputs and output nodes (a kept mult node brings all its operand subnodes).
        /// </summary>
        internal NetworkLayer Subset(int[] inputs, int[] nodes)
        {
            // Node order: kept sum nodes, then kept mult nodes; each brings its operand subnodes, in that order.
            int[] orderedNodes = nodes.Where(n => !Topology.IsMultiplication(n)).Concat(nodes.Where(Topology.IsMultiplication)).ToArray();
            var subnodes = new List<int>();
            var arity = new List<int>();
            int sums = 0;
            foreach (int n in orderedNodes)
            {
                SubnodeRange operands = Topology.Operands(n);
                subnodes.AddRange(operands);
                if (Topology.IsMultiplication(n))
                {
                    arity.Add(operands.Count);
                }
                else
                {
                    sums++;
                }
            }

            var c = new NetworkLayer(new LayerTopology(inputs.Length, sums, arity.ToImmutableArray()), K, GridIntervals, BaseFunction);
            int cc = CoefficientCount;
            for (int ni = 0; ni < inputs.Length; ni++)
            {
                int i = inputs[ni];
                Array.Copy(Arrays.Knots, i * KnotCount, c.Arrays.Knots, ni * KnotCount, KnotCount);
                for (int nj = 0; nj < subnodes.Count; nj++)
                {
                    int e = EdgeIndex(i, subnodes[nj]);
                    int ne = c.EdgeIndex(ni, nj);
                    Array.Copy(Arrays.Coefficients, e * cc, c.Arrays.Coefficients, ne * cc, cc);
                    c.Arrays.ScaleBase[ne] = Arrays.ScaleBase[e];
                    c.Arrays.ScaleSpline[ne] = Arrays.ScaleSpline[e];
                    c.Arrays.Mask[ne] = Arrays.Mask[e];
                    c.Arrays.SymbolicNames[ne] = Arrays.SymbolicNames[e];
                    c.Arrays.SymbolicFunctions[ne] = Arrays.SymbolicFunctions[e];
                    c.Arrays.SymbolicA[ne] = Arrays.SymbolicA[e];
                    c.Arrays.SymbolicB[ne] = Arrays.SymbolicB[e];
                    c.Arrays.SymbolicC[ne] = Arrays.SymbolicC[e];
                    c.Arrays.SymbolicD[ne] = Arrays.SymbolicD[e];
                    c.Arrays.SymbolicMask[ne] = Arrays.SymbolicMask[e];
                }
            }

            for (int nj = 0; nj < subnodes.Count; nj++)
            {
                c.Arrays.SubnodeScale[nj] = Arrays.SubnodeScale[subnodes[nj]];
                c.Arrays.SubnodeBias[nj] = Arrays.SubnodeBias[subnodes[nj]];
            }

            for (int nn = 0; nn < orderedNodes.Length; nn++)
            {
                c.Arrays.NodeScale[nn] = Arrays.NodeScale[orderedNodes[nn]];
                c.Arrays.NodeBias[nn] = Arrays.NodeBias[orderedNodes[nn]];
            }

            return c;
        }

        /// <summary>Overwrites this layer's values with <paramref name="other"/>'s (same shape), keeping the array identities.</summary>
        internal void CopyFrom(NetworkLayer other)
        {
            Array.Copy(other.Arrays.Knots, Arrays.Knots, Arrays.Knots.Length);
            Array.Copy(other.Arrays.Coefficients, Arrays.Coefficients, Arrays.Coefficients.Length);
            other.Arrays.CopyEdgeStateTo(Arrays);
        }
    }
}
