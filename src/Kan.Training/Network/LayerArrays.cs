using System;
using Kan.Symbolic;

namespace Kan.Training
{
    /// <summary>
    /// The mutable storage of one <see cref="NetworkLayer"/>, for the code that trains, refits, prunes and fixes
    /// symbolic edges; everyone else reads the layer through its read-only views. Laid out exactly like
    /// <see cref="KanLayer"/>: knots <c>[in, G+2k+1]</c>, coefficients <c>[in, sub, G+k]</c>, per-edge arrays <c>[in, sub]</c>
    /// (pykan's symbolic arrays are <c>[out, in]</c>; here every per-edge array is <c>[in, sub]</c>).
    /// </summary>
    internal sealed class LayerArrays
    {
        public LayerArrays(LayerTopology topology, int knotCount, int coefficientCount)
        {
            int edges = topology.EdgeCount;
            Knots = new double[topology.InputCount * knotCount];
            Coefficients = new double[edges * coefficientCount];
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
            NodeScale = Filled(topology.OutputCount, 1.0);
            NodeBias = new double[topology.OutputCount];
        }

        public double[] Knots { get; }

        public double[] Coefficients { get; }

        public double[] ScaleBase { get; }

        public double[] ScaleSpline { get; }

        public double[] Mask { get; }

        public string[] SymbolicNames { get; }

        public SymbolicFunction[] SymbolicFunctions { get; }

        public double[] SymbolicA { get; }

        public double[] SymbolicB { get; }

        public double[] SymbolicC { get; }

        public double[] SymbolicD { get; }

        public double[] SymbolicMask { get; }

        public double[] SubnodeScale { get; }

        public double[] SubnodeBias { get; }

        public double[] NodeScale { get; }

        public double[] NodeBias { get; }

        /// <summary>Copies everything except knots and coefficients into <paramref name="target"/> (same topology).</summary>
        public void CopyEdgeStateTo(LayerArrays target)
        {
            Array.Copy(ScaleBase, target.ScaleBase, ScaleBase.Length);
            Array.Copy(ScaleSpline, target.ScaleSpline, ScaleSpline.Length);
            Array.Copy(Mask, target.Mask, Mask.Length);
            Array.Copy(SymbolicNames, target.SymbolicNames, SymbolicNames.Length);
            Array.Copy(SymbolicFunctions, target.SymbolicFunctions, SymbolicFunctions.Length);
            Array.Copy(SymbolicA, target.SymbolicA, SymbolicA.Length);
            Array.Copy(SymbolicB, target.SymbolicB, SymbolicB.Length);
            Array.Copy(SymbolicC, target.SymbolicC, SymbolicC.Length);
            Array.Copy(SymbolicD, target.SymbolicD, SymbolicD.Length);
            Array.Copy(SymbolicMask, target.SymbolicMask, SymbolicMask.Length);
            Array.Copy(SubnodeScale, target.SubnodeScale, SubnodeScale.Length);
            Array.Copy(SubnodeBias, target.SubnodeBias, SubnodeBias.Length);
            Array.Copy(NodeScale, target.NodeScale, NodeScale.Length);
            Array.Copy(NodeBias, target.NodeBias, NodeBias.Length);
        }

        private static double[] Filled(int n, double v)
        {
            var a = new double[n];
            a.AsSpan().Fill(v);
            return a;
        }
    }
}
