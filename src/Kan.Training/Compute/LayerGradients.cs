using System;
using System.Runtime.CompilerServices;

namespace Kan.Training.Compute
{
    /// <summary>Gradient of the objective with respect to every parameter array of one <see cref="NetworkLayer"/>, same layout.</summary>
    internal sealed class LayerGradients
    {
        public LayerGradients(NetworkLayer layer)
        {
            int edges = layer.InputCount * layer.SubnodeCount;
            Coefficients = new double[layer.Arrays.Coefficients.Length];
            ScaleBase = new double[edges];
            ScaleSpline = new double[edges];
            SymbolicA = new double[edges];
            SymbolicB = new double[edges];
            SymbolicC = new double[edges];
            SymbolicD = new double[edges];
            SubnodeScale = new double[layer.SubnodeCount];
            SubnodeBias = new double[layer.SubnodeCount];
            NodeScale = new double[layer.OutputCount];
            NodeBias = new double[layer.OutputCount];
            All = new[] { Coefficients, ScaleBase, ScaleSpline, SymbolicA, SymbolicB, SymbolicC, SymbolicD, SubnodeScale, SubnodeBias, NodeScale, NodeBias };
        }

        public double[] Coefficients { get; }

        public double[] ScaleBase { get; }

        public double[] ScaleSpline { get; }

        public double[] SymbolicA { get; }

        public double[] SymbolicB { get; }

        public double[] SymbolicC { get; }

        public double[] SymbolicD { get; }

        public double[] SubnodeScale { get; }

        public double[] SubnodeBias { get; }

        public double[] NodeScale { get; }

        public double[] NodeBias { get; }

        /// <summary>Every array above, for clearing and reduction.</summary>
        public double[][] All { get; }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Clear()
        {
            foreach (double[] a in All)
            {
                Array.Clear(a, 0, a.Length);
            }
        }

        /// <summary>Adds <paramref name="other"/> into this (used to reduce per-chunk gradients in a fixed order).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(LayerGradients other)
        {
            double[][] mine = All, theirs = other.All;
            for (int a = 0; a < mine.Length; a++)
            {
                double[] x = mine[a], y = theirs[a];
                for (int i = 0; i < x.Length; i++)
                {
                    x[i] += y[i];
                }
            }
        }
    }
}
