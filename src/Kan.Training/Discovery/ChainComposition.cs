using System;
using System.Collections.Generic;
using System.Linq;
using Kan.Training.Symbolic;

namespace Kan.Training.Discovery
{
    /// <summary>
    /// Snaps a chain of two edges as one composition. In a chain (edge (l-1, i0, i) the only input of node i, edge
    /// (l, i, j) its only output) training splits the composed function between the two edges in any way it likes,
    /// so <c>1/sqrt(1 - v^2)</c> can arrive as two splines that match no library function one by one. The chain's
    /// end-to-end samples are fitted instead by <c>g(a2*f(a*x+b)+b2)</c> over pairs of library functions, the inner
    /// argument being the raw input column (for first-layer edges: physics formulas are written in the measured
    /// variables) or the edge's own input; the identity as inner function makes the single-function fit one of the
    /// candidates, so pykan's score (simplicity against R²) decides between one function and two.
    /// </summary>
    internal static class ChainComposition
    {
        /// <summary>Grid of the outer fit's (a, b) search for inner functions other than the identity (coarser: the polish does the rest).</summary>
        private const int CompositeGrid = 21;

        /// <summary>
        /// The inner edge of the chain that ends in numeric edge (l, i, j), or null when (l, i, j) is not the only
        /// active output of its input node, that node (a sum node) has other active inputs, or its input edge is symbolic.
        /// </summary>
        public static (int L, int I, int J)? InnerEdge(KanNetwork network, int l, int i, int j)
        {
            if (l == 0)
            {
                return null;
            }

            NetworkLayer outer = network.Layers[l];
            for (int k = 0; k < outer.SubnodeCount; k++)
            {
                if (k != j && Active(outer, i, k))
                {
                    return null;
                }
            }

            NetworkLayer inner = network.Layers[l - 1];
            if (i >= inner.SumCount)
            {
                return null;
            }

            (int, int, int)? found = null;
            for (int i0 = 0; i0 < inner.InputCount; i0++)
            {
                if (Active(inner, i0, i))
                {
                    if (found is not null || inner.SymbolicMask[inner.EdgeIndex(i0, i)] != 0.0)
                    {
                        return null;
                    }

                    found = (l - 1, i0, i);
                }
            }

            return found;
        }

        /// <summary>
        /// Every admissible composition fitted to the chain's samples (x: the inner edge's input, y: the outer edge's
        /// output), best pykan score first. <paramref name="innerMaps"/> are the affine maps tried inside the inner
        /// function (x itself, and for first-layer edges the raw input column).
        /// </summary>
        public static List<ChainChoice> Rank(double[] x, double[] y, IReadOnlyList<LibraryFunction> library, IReadOnlyList<(double A, double B)> innerMaps, int gridNumber)
        {
            LibraryFunction identity = SymbolicLibrary.Default.Get("x");
            double lo = x.Min(), hi = x.Max();
            var inners = new List<(LibraryFunction F, double A, double B, int Grid)> { (identity, 1.0, 0.0, gridNumber) };
            foreach (LibraryFunction f in library.Where(f => f.Name != identity.Name))
            {
                foreach (var (a, b) in innerMaps)
                {
                    if (SnapLibrary.IsAdmissible(f.Name, a, b, lo, hi))
                    {
                        inners.Add((f, a, b, CompositeGrid));
                    }
                }
            }

            var choices = new List<ChainChoice>();
            var u = new double[x.Length];
            foreach (var (f, a, b, grid) in inners)
            {
                for (int n = 0; n < x.Length; n++)
                {
                    u[n] = f.Value(a * x[n] + b);
                }

                double uLo = u.Min(), uHi = u.Max();
                if (!double.IsFinite(uLo) || !double.IsFinite(uHi) || !(uHi - uLo > 1e-9 * Math.Max(1.0, Math.Abs(uHi))))
                {
                    continue;
                }

                foreach (LibraryFunction g in library)
                {
                    SnapChoice? outer = SnapChoice.TryFit(g, u, y, uLo, uHi, grid, iterations: f == identity ? 3 : 2);
                    if (outer is not null)
                    {
                        choices.Add(new ChainChoice(f, a, b, outer.Value));
                    }
                }
            }

            return choices.Select((c, k) => (c, k)).OrderBy(t => t.c.Score).ThenBy(t => t.k).Select(t => t.c).ToList();
        }

        /// <summary>
        /// Sets the chain to the composition: the inner edge outputs exactly <c>f(a*x+b)</c> at the next layer's
        /// input (its c, d undo the node's affine), the outer edge <c>c*g(a2*u+b2)+d</c>. False when the node's
        /// affine is degenerate.
        /// </summary>
        public static bool Apply(KanNetwork network, (int L, int I, int J) inner, (int L, int I, int J) outer, ChainChoice choice)
        {
            NetworkLayer layer = network.Layers[inner.L];
            int node = inner.J;
            double alpha = layer.NodeScale[node] * layer.SubnodeScale[node];
            double beta = layer.NodeScale[node] * layer.SubnodeBias[node] + layer.NodeBias[node];
            if (!(Math.Abs(alpha) > 1e-12))
            {
                return false;
            }

            network.SetSymbolic(inner.L, inner.I, inner.J, choice.Inner.Function, choice.InnerA, choice.InnerB, 1.0 / alpha, -beta / alpha);
            network.SetMode(inner.L, inner.I, inner.J, "s");
            AffineFit fit = choice.Outer.Fit;
            network.SetSymbolic(outer.L, outer.I, outer.J, choice.Outer.Function.Function, fit.A, fit.B, fit.C, fit.D);
            network.SetMode(outer.L, outer.I, outer.J, "s");
            return true;
        }

        private static bool Active(NetworkLayer layer, int i, int j)
        {
            int e = layer.EdgeIndex(i, j);
            return layer.Mask[e] != 0.0 || layer.SymbolicMask[e] != 0.0;
        }
    }
}
