using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Kan.Symbolic;

namespace Kan.Training
{
    /// <summary>
    /// One trainable layer: pykan's <c>KANLayer</c> (numeric branch) plus <c>Symbolic_KANLayer</c> (symbolic branch)
    /// plus the MultKAN node/subnode affines, held as flat mutable arrays laid out exactly like <see cref="KanLayer"/>:
    /// knots <c>[in, G+2k+1]</c>, coefficients <c>[in, sub, G+k]</c>, per-edge arrays <c>[in, sub]</c>
    /// (note: pykan's symbolic arrays are <c>[out, in]</c>; here every per-edge array is <c>[in, sub]</c>).
    /// </summary>
    public sealed class NetworkLayer
    {
        internal NetworkLayer(LayerTopology topology, int k, int grid, BaseFunction baseFunction)
        {
            Topology = topology;
            K = k;
            GridIntervals = grid;
            BaseFunction = baseFunction;
            int inputCount = topology.InputCount;
            int edges = topology.EdgeCount;
            Knots = new double[inputCount * KnotCount];
            Coefficients = new double[edges * CoefficientCount];
            ScaleBase = new double[edges];
            ScaleSpline = new double[edges];
            Mask = new double[edges];
            SymbolicNames = new string[edges];
            SymbolicFunctions = new SymbolicFunction[edges];
            SymbolicA = new double[edges];
            SymbolicB = new double[edges];
            SymbolicC = new double[edges];
            SymbolicD = new double[edges];
            SymbolicMask = new double[edges];
            SymbolicFunction zero = Kan.Symbolic.SymbolicFunctions.Get("0");
            for (int e = 0; e < edges; e++)
            {
                SymbolicNames[e] = zero.Name;
                SymbolicFunctions[e] = zero;
            }

            SubnodeScale = Filled(topology.SubnodeCount, 1.0);
            SubnodeBias = new double[topology.SubnodeCount];
            NodeScale = Filled(OutputCount, 1.0);
            NodeBias = new double[OutputCount];
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

        public int GridIntervals { get; internal set; }

        public int KnotCount => GridIntervals + 2 * K + 1;

        public int CoefficientCount => GridIntervals + K;

        public BaseFunction BaseFunction { get; }

        public double[] Knots { get; internal set; }

        public double[] Coefficients { get; internal set; }

        public double[] ScaleBase { get; }

        public double[] ScaleSpline { get; }

        /// <summary>Numeric mask (pykan <c>act_fun.mask</c>).</summary>
        public double[] Mask { get; }

        /// <summary>Symbolic function name per edge; "0" when none was set (pykan's default).</summary>
        public string[] SymbolicNames { get; }

        internal SymbolicFunction[] SymbolicFunctions { get; }

        public double[] SymbolicA { get; }

        public double[] SymbolicB { get; }

        public double[] SymbolicC { get; }

        public double[] SymbolicD { get; }

        /// <summary>Symbolic mask (pykan <c>symbolic_fun.mask</c>, transposed to [in, sub]).</summary>
        public double[] SymbolicMask { get; }

        public double[] SubnodeScale { get; }

        public double[] SubnodeBias { get; }

        public double[] NodeScale { get; }

        public double[] NodeBias { get; }

        public int EdgeIndex(int input, int subnode) => Topology.EdgeIndex(input, subnode);

        public ReadOnlySpan<double> KnotsOf(int input) => Knots.AsSpan(input * KnotCount, KnotCount);

        internal void SetSymbolicFunction(int edge, SymbolicFunction function)
        {
            SymbolicFunctions[edge] = function;
            SymbolicNames[edge] = function.Name;
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
            Array.Copy(Knots, c.Knots, Knots.Length);
            Array.Copy(Coefficients, c.Coefficients, Coefficients.Length);
            CopyEdgeState(c);
            return c;
        }

        /// <summary>A copy with another grid size: everything but knots and coefficients, which are left for a refit.</summary>
        internal NetworkLayer WithGrid(int grid)
        {
            var c = new NetworkLayer(Topology, K, grid, BaseFunction);
            CopyEdgeState(c);
            return c;
        }

        /// <summary>
        /// pykan <c>KANLayer.get_subset</c> plus the symbolic layer's and the affines' subsets: the layer restricted to
        /// the given inputs and output nodes (a kept mult node brings all its operand subnodes).
        /// </summary>
        internal NetworkLayer Subset(int[] inputs, int[] nodes)
        {
            var subnodes = new List<int>();
            var arity = new List<int>();
            int sums = 0;
            foreach (int n in nodes)
            {
                if (n < SumCount)
                {
                    subnodes.Add(n);
                    sums++;
                }
            }

            int operand = SumCount;
            for (int m = 0; m < MultArity.Length; m++)
            {
                if (Array.IndexOf(nodes, SumCount + m) >= 0)
                {
                    arity.Add(MultArity[m]);
                    for (int a = 0; a < MultArity[m]; a++)
                    {
                        subnodes.Add(operand + a);
                    }
                }

                operand += MultArity[m];
            }

            var c = new NetworkLayer(new LayerTopology(inputs.Length, sums, arity.ToImmutableArray()), K, GridIntervals, BaseFunction);
            int cc = CoefficientCount;
            for (int ni = 0; ni < inputs.Length; ni++)
            {
                int i = inputs[ni];
                Array.Copy(Knots, i * KnotCount, c.Knots, ni * KnotCount, KnotCount);
                for (int nj = 0; nj < subnodes.Count; nj++)
                {
                    int e = EdgeIndex(i, subnodes[nj]);
                    int ne = c.EdgeIndex(ni, nj);
                    Array.Copy(Coefficients, e * cc, c.Coefficients, ne * cc, cc);
                    c.ScaleBase[ne] = ScaleBase[e];
                    c.ScaleSpline[ne] = ScaleSpline[e];
                    c.Mask[ne] = Mask[e];
                    c.SymbolicNames[ne] = SymbolicNames[e];
                    c.SymbolicFunctions[ne] = SymbolicFunctions[e];
                    c.SymbolicA[ne] = SymbolicA[e];
                    c.SymbolicB[ne] = SymbolicB[e];
                    c.SymbolicC[ne] = SymbolicC[e];
                    c.SymbolicD[ne] = SymbolicD[e];
                    c.SymbolicMask[ne] = SymbolicMask[e];
                }
            }

            for (int nj = 0; nj < subnodes.Count; nj++)
            {
                c.SubnodeScale[nj] = SubnodeScale[subnodes[nj]];
                c.SubnodeBias[nj] = SubnodeBias[subnodes[nj]];
            }

            // Node order: kept sum nodes, then kept mult nodes, as the subnodes above.
            int[] orderedNodes = nodes.Where(n => n < SumCount).Concat(nodes.Where(n => n >= SumCount)).ToArray();
            for (int nn = 0; nn < orderedNodes.Length; nn++)
            {
                c.NodeScale[nn] = NodeScale[orderedNodes[nn]];
                c.NodeBias[nn] = NodeBias[orderedNodes[nn]];
            }

            return c;
        }

        /// <summary>Overwrites this layer's values with <paramref name="other"/>'s (same shape), keeping the array identities.</summary>
        internal void CopyFrom(NetworkLayer other)
        {
            Array.Copy(other.Knots, Knots, Knots.Length);
            Array.Copy(other.Coefficients, Coefficients, Coefficients.Length);
            other.CopyEdgeState(this);
        }

        private void CopyEdgeState(NetworkLayer c)
        {
            Array.Copy(ScaleBase, c.ScaleBase, ScaleBase.Length);
            Array.Copy(ScaleSpline, c.ScaleSpline, ScaleSpline.Length);
            Array.Copy(Mask, c.Mask, Mask.Length);
            Array.Copy(SymbolicNames, c.SymbolicNames, SymbolicNames.Length);
            Array.Copy(SymbolicFunctions, c.SymbolicFunctions, SymbolicFunctions.Length);
            Array.Copy(SymbolicA, c.SymbolicA, SymbolicA.Length);
            Array.Copy(SymbolicB, c.SymbolicB, SymbolicB.Length);
            Array.Copy(SymbolicC, c.SymbolicC, SymbolicC.Length);
            Array.Copy(SymbolicD, c.SymbolicD, SymbolicD.Length);
            Array.Copy(SymbolicMask, c.SymbolicMask, SymbolicMask.Length);
            Array.Copy(SubnodeScale, c.SubnodeScale, SubnodeScale.Length);
            Array.Copy(SubnodeBias, c.SubnodeBias, SubnodeBias.Length);
            Array.Copy(NodeScale, c.NodeScale, NodeScale.Length);
            Array.Copy(NodeBias, c.NodeBias, NodeBias.Length);
        }

        private static double[] Filled(int n, double v)
        {
            var a = new double[n];
            a.AsSpan().Fill(v);
            return a;
        }
    }
}
